namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>history</c>.</summary>
internal sealed record HistoryDocument(IReadOnlyList<HistoryItem> Migrations);
