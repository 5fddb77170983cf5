namespace MigrationKit.Health;

/// <summary>What <see cref="IMigrationRunner.GetHealthAsync"/> reads, and how much of it.</summary>
public sealed class HealthOptions
{
    /// <summary>How many statements <see cref="DatabaseHealth.SlowStatements"/> lists at most (default 10).</summary>
    public int SlowStatementCount { get; set; } = 10;

    /// <summary>How the slowest statements are ranked (default <see cref="SlowStatementOrder.TotalTime"/>).</summary>
    public SlowStatementOrder SlowStatementOrder { get; set; } = SlowStatementOrder.TotalTime;

    /// <summary>The longest statement text a report repeats (default 200 characters); longer ones are cut.</summary>
    public int QueryTextLength { get; set; } = 200;

    /// <summary>Count a table's rows exactly when its estimate is below this (default 100,000); above it an estimate or a bounded count is enough.</summary>
    public long ExactCountBelowRows { get; set; } = 100_000;

    internal IEnumerable<string> Problems()
    {
        if (SlowStatementCount < 0)
        {
            yield return $"Health.SlowStatementCount must be 0 or more (was {SlowStatementCount}).";
        }

        if (QueryTextLength < 1)
        {
            yield return $"Health.QueryTextLength must be at least 1 (was {QueryTextLength}).";
        }

        if (ExactCountBelowRows < 0)
        {
            yield return $"Health.ExactCountBelowRows must be 0 or more (was {ExactCountBelowRows}).";
        }
    }
}
