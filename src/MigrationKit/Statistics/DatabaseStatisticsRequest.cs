using MigrationKit.Operations;

namespace MigrationKit.Statistics;

/// <summary>What the planner asks a <see cref="IDatabaseStatisticsReader"/> for, once per plan.</summary>
/// <param name="Tables">The existing tables the plan touches.</param>
/// <param name="Checks">The data checks its rules need.</param>
public sealed record DatabaseStatisticsRequest(IReadOnlyList<QualifiedName> Tables, IReadOnlyList<DataCheck> Checks)
{
    /// <summary>Count rows exactly when the estimate is below this (default 100,000); above it an estimate is enough.</summary>
    public long ExactCountBelowRows { get; init; } = 100_000;

    /// <summary>Count every table exactly, whatever its size (slow on big tables).</summary>
    public bool CountExactly { get; init; }

    /// <summary>A transaction holding a lock on a touched table for longer than this counts as long-running (default one minute).</summary>
    public TimeSpan LongTransaction { get; init; } = TimeSpan.FromMinutes(1);
}
