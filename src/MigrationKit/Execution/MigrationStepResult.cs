namespace MigrationKit;

/// <summary>One migration applied or reverted by a run.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Direction">Up or down.</param>
/// <param name="Duration">How long it took.</param>
public sealed record MigrationStepResult(long Version, string Description, MigrationDirection Direction, TimeSpan Duration);
