using MigrationKit.Checkpoints;

namespace MigrationKit.Diagnostics;

/// <summary>
/// Typed callbacks for what a runner does, besides its logs and metrics. Every method has an empty default, so an
/// observer overrides only what it needs. Register observers in <see cref="MigrationKitOptions.Observers"/> or as
/// <see cref="IMigrationObserver"/> services in the container. Callbacks run on the runner's thread, after the fact;
/// an exception thrown by one is logged and does not fail the run.
/// </summary>
public interface IMigrationObserver
{
    /// <summary>A migration's Up was applied and committed.</summary>
    /// <param name="step">Its version, description and duration.</param>
    void OnMigrationApplied(MigrationStepResult step)
    {
    }

    /// <summary>A migration's Down was applied and committed.</summary>
    /// <param name="step">Its version, description and duration.</param>
    void OnMigrationReverted(MigrationStepResult step)
    {
    }

    /// <summary>A checkpoint was written and recorded.</summary>
    /// <param name="checkpoint">The checkpoint, with its file name and size.</param>
    /// <param name="duration">How long the backup took.</param>
    void OnCheckpointCreated(Checkpoint checkpoint, TimeSpan duration)
    {
    }

    /// <summary>A checkpoint was restored and the database read back.</summary>
    /// <param name="restore">The checkpoint, the duration and the state read back.</param>
    void OnRestoreCompleted(CheckpointRestoreResult restore)
    {
    }
}
