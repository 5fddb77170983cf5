using MigrationKit.Checkpoints;

namespace MigrationKit.Cli.Output.Json;

/// <summary>One checkpoint, as written beside its file.</summary>
internal sealed record CheckpointItem(string Id, long Version, DateTimeOffset CreatedAt, CheckpointLevel Level, CheckpointKind Kind, long SizeBytes, string Sha256, string Provider, string ServerVersion, string FileName, string? Description);
