using System.Globalization;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;
using MigrationKit.Statistics;

namespace MigrationKit.Risk;

/// <summary>
/// What a rule sees of one operation: the operation and the commands it generates, the schema just before it, the
/// tables created earlier in the plan (exempt from grading), the step's other operations, and the live facts (table
/// statistics, data checks, server version, the lock timeout the runner sets).
/// </summary>
internal sealed class RiskRuleContext
{
    public required MigrationOperation Operation { get; init; }

    public required IReadOnlyList<MigrationCommand> Commands { get; init; }

    public required DatabaseSchema SchemaBefore { get; init; }

    /// <summary>The schema once the whole plan has run (for questions about the end state, such as covering indexes).</summary>
    public required DatabaseSchema SchemaAfterPlan { get; init; }

    public required IReadOnlySet<QualifiedName> CreatedEarlier { get; init; }

    /// <summary>For tables renamed earlier in the plan: the new name to the name the statistics know.</summary>
    public required IReadOnlyDictionary<QualifiedName, QualifiedName> RenamedFrom { get; init; }

    public required MigrationPlanStep Step { get; init; }

    public required IReadOnlyList<MigrationOperation> StepOperations { get; init; }

    /// <summary>The step's operations whose commands rewrite or rebuild a table (by reference).</summary>
    public required IReadOnlySet<MigrationOperation> RewritingOperations { get; init; }

    /// <summary>Whether this is the step's first operation taking a strong lock on an existing table.</summary>
    public required bool IsFirstStrongLock { get; init; }

    /// <summary>The raw SQL statements of the operation, classified (empty unless it is raw SQL).</summary>
    public required IReadOnlyList<RawSqlStatement> RawStatements { get; init; }

    public required RiskOptions Options { get; init; }

    /// <summary>Whether the provider reports table lock modes (PostgreSQL): lock rules apply only there.</summary>
    public required bool HasTableLocks { get; init; }

    public required TimeSpan? LockTimeout { get; init; }

    public DatabaseStatistics? Statistics { get; set; }

    public bool IsNew(QualifiedName table) => CreatedEarlier.Contains(table);

    public TableStatistics? StatisticsOf(QualifiedName table)
    {
        var known = RenamedFrom.GetValueOrDefault(table, table);
        return Statistics?.Tables.FirstOrDefault(t => t.Table == known);
    }

    public DataCheck Check(DataCheckKind kind, QualifiedName table, params string[] columns) =>
        new(kind, RenamedFrom.GetValueOrDefault(table, table), columns);

    /// <summary>The answer to a check, or <see langword="null"/> when it was not run (no statistics reader, or checks switched off).</summary>
    public long? CheckValue(DataCheckKind kind, QualifiedName table, params string[] columns)
    {
        var check = Check(kind, table, columns);
        return Statistics?.Checks.FirstOrDefault(c => c.Check.Kind == check.Kind && c.Check.Table == check.Table && c.Check.Columns.SequenceEqual(check.Columns))?.Value;
    }

    public bool CheckRan(DataCheckKind kind, QualifiedName table, params string[] columns)
    {
        var check = Check(kind, table, columns);
        return Statistics?.Checks.Any(c => c.Check.Kind == check.Kind && c.Check.Table == check.Table && c.Check.Columns.SequenceEqual(check.Columns)) == true;
    }

    /// <summary>The level a blocking or copying statement on <paramref name="table"/> gets from its rows, with the fact in words.</summary>
    public (RiskLevel Level, string Fact) Grade(QualifiedName table)
    {
        if (StatisticsOf(table) is not { } statistics)
        {
            return (RiskLevel.Medium, "its size is unknown (no live statistics)");
        }

        var fact = Rows(statistics);
        if (statistics.Rows == 0)
        {
            return (RiskLevel.Low, "the table is empty");
        }

        return statistics.Rows >= Options.LargeTableRows ? (RiskLevel.High, fact)
            : statistics.Rows >= Options.MediumTableRows ? (RiskLevel.Medium, fact)
            : (RiskLevel.Low, fact);
    }

    public long? RowsOf(QualifiedName table) => StatisticsOf(table)?.Rows;

    public static string Rows(TableStatistics statistics) =>
        string.Create(CultureInfo.InvariantCulture, $"{statistics.Table} holds {(statistics.RowsExact ? string.Empty : statistics.RowsSource == TableStatistics.BoundedCount ? "at least " : "about ")}{statistics.Rows:N0} rows ({statistics.RowsSource})");

    public RiskFinding Finding(string ruleId, RiskLevel level, string reason, QualifiedName? table, string? safeAlternative) =>
        new(ruleId, level, reason) { Table = table?.ToString(), SafeAlternative = safeAlternative };
}
