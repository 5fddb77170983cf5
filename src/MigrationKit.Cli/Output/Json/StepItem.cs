namespace MigrationKit.Cli.Output.Json;

/// <summary>One migration applied or reverted.</summary>
internal sealed record StepItem(long Version, string Description, MigrationDirection Direction, double DurationMs);
