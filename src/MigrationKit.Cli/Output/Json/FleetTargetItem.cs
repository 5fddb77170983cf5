namespace MigrationKit.Cli.Output.Json;

/// <summary>One target of a fleet run: name (never its connection string), canary, outcome (migrated, upToDate, failed, skipped), versions before and after, versions applied, duration and error.</summary>
internal sealed record FleetTargetItem(string Target, bool IsCanary, string Outcome, long? VersionBefore, long? VersionAfter, IReadOnlyList<long> Applied, double DurationMs, string? Error);
