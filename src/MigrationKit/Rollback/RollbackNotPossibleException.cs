namespace MigrationKit.Rollback;

/// <summary>
/// Neither way back exists: a step's Down is missing, irreversible or destroys data, and no full checkpoint at or below
/// the target version exists. The message names the blocking steps and says to take checkpoints.
/// </summary>
public sealed class RollbackNotPossibleException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="targetVersion">The version the rollback was to end at.</param>
    /// <param name="blockers">Why each blocking step cannot be undone by its Down.</param>
    public RollbackNotPossibleException(long targetVersion, IReadOnlyList<string> blockers)
        : base($"Cannot roll back to version {targetVersion}: the Down migrations cannot do it safely and there is no full checkpoint at or below version {targetVersion} to restore.\n  - {string.Join("\n  - ", blockers ?? [])}\nTake checkpoints before such migrations (Checkpoints.Policy = BeforeRiskyMigrations with a Checkpoints.Directory, or IRollbackManager.CreateCheckpointAsync), or write Downs that keep the data.")
    {
        TargetVersion = targetVersion;
        Blockers = blockers ?? [];
    }

    /// <summary>The version the rollback was to end at.</summary>
    public long TargetVersion { get; }

    /// <summary>Why each blocking step cannot be undone by its Down.</summary>
    public IReadOnlyList<string> Blockers { get; }
}
