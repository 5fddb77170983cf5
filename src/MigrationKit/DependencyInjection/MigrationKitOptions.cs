using MigrationKit.Checkpoints;
using MigrationKit.Diagnostics;
using MigrationKit.Drift;
using MigrationKit.History;

namespace MigrationKit;

/// <summary>How a runner finds migrations and runs them.</summary>
public sealed class MigrationKitOptions
{
    // Read once per process: the user name is a password-database lookup, paid by every runner's options otherwise.
    private static readonly string DefaultAppliedBy = $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>Where migrations are discovered.</summary>
    public IList<MigrationSource> Sources { get; } = [];

    /// <summary>Migration classes added one by one.</summary>
    public IList<Type> MigrationTypes { get; } = [];

    /// <summary>Where SQL-file migrations are read from (directories and embedded resources); read and checked when the runner is built.</summary>
    public IList<SqlMigrationSource> SqlSources { get; } = [];

    /// <summary>Where the history and journal tables live.</summary>
    public MigrationHistoryOptions History { get; } = new();

    /// <summary>Names constraints and indexes that migrations do not name.</summary>
    public NamingConvention Naming { get; set; } = NamingConvention.Default;

    /// <summary>How a run groups migrations into transactions.</summary>
    public MigrationRunTransaction RunTransaction { get; set; } = MigrationRunTransaction.PerMigration;

    /// <summary>Whether migrating verifies the checksums of applied migrations first (default true).</summary>
    public bool VerifyChecksums { get; set; } = true;

    /// <summary>
    /// Whether the Up operations and checksum of a migration class are recorded once per process and reused by every
    /// later runner (default true), so that a startup with nothing pending creates no migration instances after the
    /// first runner. Classes whose constructor takes services are always recorded per runner. Turn it off when an
    /// <c>Up</c> reads state that changes while the process runs (for example a static field a test changes to
    /// simulate an edited migration).
    /// </summary>
    public bool ReuseRecordedMigrations { get; set; } = true;

    /// <summary>Whether applied migrations missing from the code are tolerated instead of failing (default false).</summary>
    public bool IgnoreMissingMigrations { get; set; }

    /// <summary>How a migration that ran into a lock timeout on a busy table is retried (default 3 attempts, 200 ms doubling to at most 5 s).</summary>
    public LockRetryOptions LockRetry { get; } = new();

    /// <summary>Recorded as who applied each migration. Default <c>user@machine</c>.</summary>
    public string AppliedBy { get; set; } = DefaultAppliedBy;

    /// <summary>Where checkpoints are kept, when the runner takes them by itself, and their retention.</summary>
    public CheckpointOptions Checkpoints { get; } = new();

    /// <summary>How plans are graded (row thresholds, counting, throughput) and the level above which a run needs approval.</summary>
    public Risk.RiskOptions Risk { get; } = new();

    /// <summary>Callbacks for migrations applied and reverted, checkpoints created and restores completed.</summary>
    public IList<IMigrationObserver> Observers { get; } = [];

    /// <summary>What drift detection (<see cref="IMigrationRunner.DetectDriftAsync"/>) leaves out.</summary>
    public DriftOptions Drift { get; } = new();

    /// <summary>What the health report (<see cref="IMigrationRunner.GetHealthAsync"/>) reads, and how much of it.</summary>
    public Health.HealthOptions Health { get; } = new();
}
