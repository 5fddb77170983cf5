namespace MigrationKit.Hosting;

/// <summary>Where a target's startup migration stands, as the health check reports it.</summary>
internal enum MigrationStartupPhase
{
    /// <summary>The host has not reached the startup migration yet.</summary>
    NotStarted,

    /// <summary>Applying migrations (or waiting for the migration lock).</summary>
    Migrating,

    /// <summary>Waiting for another instance to apply them.</summary>
    Waiting,

    /// <summary>The schema was current when startup finished.</summary>
    Completed,

    /// <summary>Migrating or waiting failed, timed out or was cancelled.</summary>
    Failed,
}
