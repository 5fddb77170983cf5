namespace MigrationKit.Cli.Output.Json;

/// <summary>The JSON of <c>status</c>.</summary>
internal sealed record StatusDocument(long CurrentVersion, bool UpToDate, int PendingCount, IReadOnlyList<StatusItem> Migrations);
