using System.Globalization;

namespace MigrationKit.Benchmarks.Chain;

/// <summary>
/// The shape of the chain used by the startup and apply scenarios: migration <c>n</c> creates table <c>chain_n</c>
/// with six columns, a foreign key to <c>chain_(n-1)</c> and an index on that key. MigrationKit, EF Core and raw
/// ADO.NET all build the same tables.
/// </summary>
public static class ChainSchema
{
    /// <summary>How many migrations the chain has (the startup scenario applies all of them).</summary>
    public const int Count = 500;

    /// <summary>The table of migration <paramref name="number"/>.</summary>
    /// <param name="number">The migration's number, from 1.</param>
    /// <returns>The table name.</returns>
    public static string Table(int number) => string.Create(CultureInfo.InvariantCulture, $"chain_{number:D4}");

    /// <summary>
    /// The statements that revert migration <paramref name="number"/> by hand (the raw baseline's and FluentMigrator's
    /// Down): drop the index, then the table.
    /// </summary>
    /// <param name="number">The migration's number, from 1.</param>
    /// <returns>The two statements, the same on SQLite and PostgreSQL.</returns>
    public static string[] DownStatements(int number) => [$"DROP INDEX \"ix_{Table(number)}_previous_id\"", $"DROP TABLE \"{Table(number)}\""];
}
