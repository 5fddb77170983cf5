namespace MigrationKit.Cli.Output.Json;

/// <summary><c>runs --json</c>: the recorded runs, newest first.</summary>
internal sealed record RunRecordsDocument(IReadOnlyList<RunRecordItem> Runs);
