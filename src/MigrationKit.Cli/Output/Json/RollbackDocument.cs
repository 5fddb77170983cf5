using MigrationKit.Rollback;

namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>rollback</c>: the way back chosen, why, and what it did.</summary>
internal sealed record RollbackDocument(RollbackMethod Method, string Reason, long FromVersion, long ToVersion, double DurationMs, IReadOnlyList<long> Reverted, IReadOnlyList<long> Reapplied, CheckpointItem? Checkpoint);
