namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>data status</c>: the latest run of each move.</summary>
internal sealed record DataStatusDocument(IReadOnlyList<DataRunItem> Runs);
