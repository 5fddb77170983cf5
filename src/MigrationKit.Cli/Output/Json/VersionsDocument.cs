namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>repair</c> and <c>baseline</c>: the versions the command recorded.</summary>
internal sealed record VersionsDocument(IReadOnlyList<long> Versions);
