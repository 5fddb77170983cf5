namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>checkpoint create</c> and <c>checkpoint verify</c>.</summary>
internal sealed record CheckpointDocument(CheckpointItem Checkpoint);
