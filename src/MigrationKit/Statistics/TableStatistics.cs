using MigrationKit.Operations;

namespace MigrationKit.Statistics;

/// <summary>What the database says about one table right now.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">The number of rows: exact, estimated or a lower bound, as <see cref="RowsSource"/> says.</param>
public sealed record TableStatistics(QualifiedName Table, long Rows)
{
    /// <summary>The <see cref="RowsSource"/> of a count that stopped at a limit: <see cref="Rows"/> is a lower bound.</summary>
    public const string BoundedCount = "bounded count";

    /// <summary>Whether <see cref="Rows"/> is an exact count.</summary>
    public bool RowsExact { get; init; }

    /// <summary>Where <see cref="Rows"/> comes from, in words (<c>exact count</c>, <c>reltuples</c>, <c>sqlite_stat1</c>, <c>bounded count</c>).</summary>
    public string RowsSource { get; init; } = "unknown";

    /// <summary>The table's size on disk in bytes (heap and TOAST on PostgreSQL); <see langword="null"/> when the database does not report it.</summary>
    public long? SizeBytes { get; init; }

    /// <summary>The size of the table's indexes in bytes; <see langword="null"/> when the database does not report it.</summary>
    public long? IndexSizeBytes { get; init; }

    /// <summary>Sessions waiting right now for a lock on the table (0 when the database cannot tell).</summary>
    public int LockWaiters { get; init; }

    /// <summary>Transactions holding a lock on the table that have been open longer than the long-transaction threshold.</summary>
    public int LongTransactions { get; init; }

    /// <summary>How long the oldest transaction holding a lock on the table has been open; <see langword="null"/> when none or unknown.</summary>
    public TimeSpan? OldestTransaction { get; init; }
}
