namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>checkpoint restore</c>: what was restored and the state read back.</summary>
internal sealed record RestoreDocument(CheckpointItem Checkpoint, long Version, int TableCount, int JournalEntriesKept, double DurationMs, IReadOnlyList<StatusItem> Migrations);
