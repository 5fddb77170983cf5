using System.Globalization;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Statistics;

/// <summary>
/// A question about the rows of one table that a risk rule asks before it grades a step: how many NULLs, duplicates
/// or values a column holds, or its largest value. The planner asks only the checks its rules need, in the same
/// round trip as the statistics.
/// </summary>
/// <param name="Kind">What to count or measure.</param>
/// <param name="Table">The table.</param>
/// <param name="Columns">The column (or, for duplicates, the key columns).</param>
public sealed record DataCheck(DataCheckKind Kind, QualifiedName Table, IReadOnlyList<string> Columns)
{
    /// <summary>
    /// The check as one standard SQL query returning a single integer (or NULL), written with
    /// <paramref name="generator"/>'s quoting. Providers run it in their statistics batch; it is the same on every
    /// database that accepts standard SQL.
    /// </summary>
    /// <param name="generator">The provider's SQL generator, for quoting.</param>
    /// <returns>The query.</returns>
    public string ToSql(MigrationSqlGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var table = generator.Quote(Table);
        var columns = Columns.Select(generator.QuoteIdentifier).ToArray();
        return Kind switch
        {
            DataCheckKind.NullCount => $"SELECT count(*) FROM {table} WHERE {string.Join(" OR ", columns.Select(c => c + " IS NULL"))}",
            DataCheckKind.DuplicateCount => $"SELECT count(*) FROM (SELECT 1 AS x FROM {table} WHERE {string.Join(" AND ", columns.Select(c => c + " IS NOT NULL"))} GROUP BY {string.Join(", ", columns)} HAVING count(*) > 1) AS duplicates",
            DataCheckKind.NonNullCount => $"SELECT count({columns[0]}) FROM {table}",
            DataCheckKind.MaxValue => $"SELECT max({columns[0]}) FROM {table}",
            _ => throw new InvalidOperationException($"Unknown data check kind {Kind}."),
        };
    }

    /// <summary>The check in words, for reports.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} of {Table}({string.Join(", ", Columns)})");
}
