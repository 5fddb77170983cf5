using MigrationKit.Operations;
using MigrationKit.Statistics;

namespace MigrationKit.Health;

/// <summary>One table's rows and sizes, and on PostgreSQL its dead rows and maintenance times.</summary>
/// <param name="Table">The table; tables of the session's default schema carry no schema name, as migrations name them.</param>
/// <param name="Rows">The number of rows: exact, estimated or a lower bound, as <see cref="RowsSource"/> says.</param>
public sealed record TableHealth(QualifiedName Table, long Rows)
{
    /// <summary>Whether <see cref="Rows"/> is an exact count.</summary>
    public bool RowsExact { get; init; }

    /// <summary>Where <see cref="Rows"/> comes from, in words (<c>exact count</c>, <c>reltuples</c>, <c>sqlite_stat1</c>, <c>bounded count</c>).</summary>
    public string RowsSource { get; init; } = "unknown";

    /// <summary>The table's size on disk in bytes (heap and TOAST on PostgreSQL); <see langword="null"/> when the database does not report it.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>The size of the table's indexes in bytes; <see langword="null"/> when the database does not report it.</summary>
    public long? IndexSizeBytes { get; init; }

    /// <summary>Rows deleted or updated and not yet vacuumed away (PostgreSQL <c>n_dead_tup</c>); <see langword="null"/> when unknown.</summary>
    public long? DeadRows { get; init; }

    /// <summary>When the table was last vacuumed by hand; <see langword="null"/> when never or unknown.</summary>
    public DateTimeOffset? LastVacuum { get; init; }

    /// <summary>When autovacuum last vacuumed the table; <see langword="null"/> when never or unknown.</summary>
    public DateTimeOffset? LastAutovacuum { get; init; }

    /// <summary>When the table was last analyzed by hand; <see langword="null"/> when never or unknown.</summary>
    public DateTimeOffset? LastAnalyze { get; init; }

    /// <summary>When autovacuum last analyzed the table; <see langword="null"/> when never or unknown.</summary>
    public DateTimeOffset? LastAutoanalyze { get; init; }

    /// <summary>Whether the table is one of MigrationKit's own (history, journal, repeatable migrations), not the application's.</summary>
    public bool IsBookkeeping { get; init; }

    /// <summary>A table's health from what the statistics reader found: its rows, their source and its sizes.</summary>
    /// <param name="statistics">The table's statistics.</param>
    /// <returns>The table's health, without maintenance facts.</returns>
    public static TableHealth From(TableStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return new TableHealth(statistics.Table, statistics.Rows)
        {
            RowsExact = statistics.RowsExact,
            RowsSource = statistics.RowsSource,
            SizeBytes = statistics.SizeBytes,
            IndexSizeBytes = statistics.IndexSizeBytes,
        };
    }
}
