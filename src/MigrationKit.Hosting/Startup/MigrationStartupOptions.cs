namespace MigrationKit.Hosting;

/// <summary>How a host runs a MigrationKit target's migrations at startup (see <c>MigrateOnStartup</c>).</summary>
public sealed class MigrationStartupOptions
{
    private TimeSpan _waitTimeout = TimeSpan.FromMinutes(5);
    private TimeSpan _pollInterval = TimeSpan.FromSeconds(1);
    private int _failureExitCode = 1;

    /// <summary>What the host does at startup (default <see cref="MigrationStartupMode.Migrate"/>).</summary>
    public MigrationStartupMode Mode { get; set; } = MigrationStartupMode.Migrate;

    /// <summary>
    /// In <see cref="MigrationStartupMode.WaitForMigrations"/>, how long to wait for the history to show nothing pending
    /// before failing with <see cref="MigrationWaitTimeoutException"/> (default 5 minutes).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan WaitTimeout
    {
        get => _waitTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _waitTimeout = value;
        }
    }

    /// <summary>In <see cref="MigrationStartupMode.WaitForMigrations"/>, how often the history is read again (default 1 second).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public TimeSpan PollInterval
    {
        get => _pollInterval;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _pollInterval = value;
        }
    }

    /// <summary>In <see cref="MigrationStartupMode.RunAndExit"/>, the process exit code when migrating fails (default 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 (that means success) or outside 1–255.</exception>
    public int FailureExitCode
    {
        get => _failureExitCode;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 255);
            _failureExitCode = value;
        }
    }
}
