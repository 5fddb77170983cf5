namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>checkpoint list</c> and <c>checkpoint prune</c> (the checkpoints deleted).</summary>
internal sealed record CheckpointListDocument(IReadOnlyList<CheckpointItem> Checkpoints);
