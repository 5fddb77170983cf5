namespace MigrationKit.Cli.Output.Json;

/// <summary>One migration in <c>status</c>.</summary>
internal sealed record StatusItem(long Version, string Description, MigrationState State, DateTimeOffset? AppliedAt, double? DurationMs);
