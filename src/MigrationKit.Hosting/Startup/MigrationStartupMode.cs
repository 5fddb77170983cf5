namespace MigrationKit.Hosting;

/// <summary>What a host does with a MigrationKit target's migrations when it starts.</summary>
public enum MigrationStartupMode
{
    /// <summary>
    /// Takes the migration lock and applies every pending migration before any hosted service starts, so nothing serves
    /// before the schema is current. Many replicas may start at once: one applies, the others find nothing pending.
    /// A failure stops the host from starting.
    /// </summary>
    Migrate,

    /// <summary>
    /// Never changes the schema: waits, before any hosted service starts, until the history shows nothing pending (another
    /// instance, a job or an init container migrates), up to <see cref="MigrationStartupOptions.WaitTimeout"/>.
    /// </summary>
    WaitForMigrations,

    /// <summary>
    /// For a Kubernetes Job or an init container: applies every pending migration, sets the process exit code
    /// (0 on success, <see cref="MigrationStartupOptions.FailureExitCode"/> on failure) and stops the host as soon as it has
    /// started. Register no serving services in such a host: they would be started and stopped at once.
    /// </summary>
    RunAndExit,
}
