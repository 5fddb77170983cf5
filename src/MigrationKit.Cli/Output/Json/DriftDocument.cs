namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>drift</c>: whether the schema is what the applied migrations create, and each difference with its fix.</summary>
internal sealed record DriftDocument(bool Drift, long Version, IReadOnlyList<long> ReplayedVersions, IReadOnlyList<DriftItem> Differences);
