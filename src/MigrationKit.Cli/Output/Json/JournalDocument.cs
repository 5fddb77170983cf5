namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>journal</c>.</summary>
internal sealed record JournalDocument(IReadOnlyList<JournalItem> Entries);
