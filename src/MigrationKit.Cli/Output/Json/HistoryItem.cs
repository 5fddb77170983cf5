namespace MigrationKit.Cli.Output.Json;

/// <summary>One applied migration.</summary>
internal sealed record HistoryItem(long Version, string Description, string Checksum, DateTimeOffset AppliedAt, double DurationMs, string AppliedBy, string LibraryVersion);
