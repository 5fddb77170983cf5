namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>up --targets</c>: whether every target succeeded, and each target's outcome.</summary>
internal sealed record FleetDocument(bool Succeeded, bool CanaryFailed, IReadOnlyList<FleetTargetItem> Targets);
