using MigrationKit.Checkpoints;

namespace MigrationKit.Rollback;

/// <summary>What a rollback will do (or did), and why, in plain words.</summary>
/// <param name="Target">What was asked for.</param>
/// <param name="Method">Logical (Down migrations) or physical (restore a checkpoint).</param>
/// <param name="Reason">Why this way was chosen, in plain words.</param>
/// <param name="FromVersion">The schema version now.</param>
/// <param name="TargetVersion">The schema version the rollback ends at.</param>
public sealed record RollbackPlan(RollbackTarget Target, RollbackMethod Method, string Reason, long FromVersion, long TargetVersion)
{
    /// <summary>The applied versions that are undone, newest first (by their Downs when logical, by the restore when physical).</summary>
    public IReadOnlyList<long> Reverted { get; init; } = [];

    /// <summary>For a physical rollback: the checkpoint restored.</summary>
    public Checkpoint? Checkpoint { get; init; }

    /// <summary>For a physical rollback from a checkpoint older than the target: the versions applied again after the restore.</summary>
    public IReadOnlyList<long> Reapplied { get; init; } = [];

    /// <summary>Why a logical rollback is not possible or would lose data, one line per step; empty when it is safe.</summary>
    public IReadOnlyList<string> LogicalBlockers { get; init; } = [];

    /// <summary>
    /// For a logical rollback the caller ran with <see cref="RollbackTarget.AcceptingDataLoss"/> and no checkpoint to
    /// restore: what it loses (which step, which object, how many values), one line per fact; empty when nothing is lost.
    /// </summary>
    public IReadOnlyList<string> DataLoss { get; init; } = [];
}
