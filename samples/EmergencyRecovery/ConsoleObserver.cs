using System.Globalization;
using MigrationKit;
using MigrationKit.Checkpoints;
using MigrationKit.Diagnostics;

namespace EmergencyRecovery;

/// <summary>Prints the runner's events as they happen.</summary>
internal sealed class ConsoleObserver : IMigrationObserver
{
    public void OnMigrationApplied(MigrationStepResult step) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [event] applied {step.Version} '{step.Description}' in {step.Duration.TotalMilliseconds:F0} ms"));

    public void OnCheckpointCreated(Checkpoint checkpoint, TimeSpan duration) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [event] checkpoint {checkpoint.Id} at version {checkpoint.Version}: {checkpoint.FileName}, {checkpoint.SizeBytes:N0} bytes, {duration.TotalMilliseconds:F0} ms"));

    public void OnRestoreCompleted(CheckpointRestoreResult restore) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [event] restored {restore.Checkpoint.Id} in {restore.Duration.TotalMilliseconds:F0} ms"));
}
