namespace MigrationKit.Fleet;

/// <summary>What a fleet run did to one target.</summary>
public enum FleetOutcome
{
    /// <summary>Migrations were applied; the target is current.</summary>
    Migrated,

    /// <summary>Nothing was pending.</summary>
    UpToDate,

    /// <summary>Migrating failed (see <see cref="FleetTargetResult.Error"/>); the run went on with the other targets.</summary>
    Failed,

    /// <summary>Not attempted, because a canary failed.</summary>
    Skipped,
}
