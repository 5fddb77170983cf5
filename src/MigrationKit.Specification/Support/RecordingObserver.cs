using System.Collections.Concurrent;
using MigrationKit.Checkpoints;
using MigrationKit.Diagnostics;

namespace MigrationKit.Specification.Support;

/// <summary>Records every observer callback, in order, as a line of text plus the typed data.</summary>
internal sealed class RecordingObserver : IMigrationObserver
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<(Checkpoint Checkpoint, TimeSpan Duration)> Created { get; } = new();

    public ConcurrentQueue<CheckpointRestoreResult> Restored { get; } = new();

    public ConcurrentQueue<MigrationStepResult> Steps { get; } = new();

    public void OnMigrationApplied(MigrationStepResult step)
    {
        Steps.Enqueue(step);
        Events.Enqueue($"applied {step.Version}");
    }

    public void OnMigrationReverted(MigrationStepResult step)
    {
        Steps.Enqueue(step);
        Events.Enqueue($"reverted {step.Version}");
    }

    public void OnCheckpointCreated(Checkpoint checkpoint, TimeSpan duration)
    {
        Created.Enqueue((checkpoint, duration));
        Events.Enqueue($"checkpoint {checkpoint.Version}");
    }

    public void OnRestoreCompleted(CheckpointRestoreResult restore)
    {
        Restored.Enqueue(restore);
        Events.Enqueue($"restored {restore.Checkpoint.Version}");
    }
}
