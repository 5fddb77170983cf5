namespace MigrationKit.Health;

/// <summary>A transaction open in another session of the database.</summary>
/// <param name="ProcessId">The server process (PostgreSQL <c>pid</c>) of the session.</param>
/// <param name="Age">How long the transaction has been open.</param>
public sealed record OpenTransaction(int ProcessId, TimeSpan Age)
{
    /// <summary>When the transaction began.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>What the session is doing (<c>active</c>, <c>idle in transaction</c>, …).</summary>
    public string? State { get; init; }

    /// <summary>The application name the session gave.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>Its current or last statement, cut at <see cref="HealthOptions.QueryTextLength"/>.</summary>
    public string? Query { get; init; }
}
