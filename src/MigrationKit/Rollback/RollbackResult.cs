using MigrationKit.Checkpoints;

namespace MigrationKit.Rollback;

/// <summary>What a rollback did.</summary>
/// <param name="Plan">The plan it carried out, with the way chosen and why.</param>
/// <param name="Version">The schema version after the rollback.</param>
/// <param name="Duration">How long it took.</param>
public sealed record RollbackResult(RollbackPlan Plan, long Version, TimeSpan Duration)
{
    /// <summary>For a logical rollback: the Downs that ran.</summary>
    public MigrationResult? Down { get; init; }

    /// <summary>For a physical rollback: the restore and its verification.</summary>
    public CheckpointRestoreResult? Restore { get; init; }

    /// <summary>For a physical rollback from an older checkpoint: the migrations applied again up to the target.</summary>
    public MigrationResult? Up { get; init; }
}
