namespace MigrationKit.Health;

/// <summary>A session waiting right now for a lock another session holds.</summary>
/// <param name="ProcessId">The waiting server process (PostgreSQL <c>pid</c>).</param>
/// <param name="LockType">What kind of lock it waits for (<c>relation</c>, <c>transactionid</c> for a row another transaction changed or locked, <c>tuple</c>, …).</param>
/// <param name="Mode">The lock mode it asked for (<c>RowExclusiveLock</c>, <c>ShareLock</c>, …).</param>
public sealed record LockWait(int ProcessId, string LockType, string Mode)
{
    /// <summary>The table it waits on (for a row lock, the table of the row), when known.</summary>
    public string? Relation { get; init; }

    /// <summary>Since when it waits for this lock (PostgreSQL 14 and later; otherwise when its statement began).</summary>
    public DateTimeOffset? WaitingSince { get; init; }

    /// <summary>The sessions that hold it up (PostgreSQL <c>pg_blocking_pids</c>).</summary>
    public IReadOnlyList<int> BlockingProcessIds { get; init; } = [];

    /// <summary>The application name the waiting session gave.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>The statement that waits, cut at <see cref="HealthOptions.QueryTextLength"/>.</summary>
    public string? Query { get; init; }
}
