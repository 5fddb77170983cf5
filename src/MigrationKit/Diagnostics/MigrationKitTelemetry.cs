using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MigrationKit.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>MigrationKit</c> and versioned as the package.
/// Names and units follow OpenTelemetry's semantic conventions: durations are histograms in seconds, sizes in bytes,
/// counts in curly-brace units, and spans and measurements carry <c>db.system.name</c> (<c>sqlite</c>, <c>postgresql</c>).
/// </summary>
internal static class MigrationKitTelemetry
{
    public const string Name = "MigrationKit";

    /// <summary>The semantic-convention attribute naming the database engine.</summary>
    public const string DbSystemName = "db.system.name";

    /// <summary>The semantic-convention attribute naming the class of error that ended an operation.</summary>
    public const string ErrorType = "error.type";

    public static readonly ActivitySource ActivitySource = new(Name, LibraryVersion.Value);

    public static readonly Meter Meter = new(Name, LibraryVersion.Value);

    public static readonly Counter<long> MigrationsApplied = Meter.CreateCounter<long>("migrationkit.migrations.applied", unit: "{migration}", description: "Migrations applied (up) or reverted (down).");

    public static readonly Counter<long> MigrationsFailed = Meter.CreateCounter<long>("migrationkit.migrations.failed", unit: "{migration}", description: "Migration steps that failed.");

    public static readonly Histogram<double> MigrationDuration = Meter.CreateHistogram<double>("migrationkit.migration.duration", unit: "s", description: "Duration of one migration step.");

    public static readonly Counter<long> CheckpointsCreated = Meter.CreateCounter<long>("migrationkit.checkpoints.created", unit: "{checkpoint}", description: "Checkpoints written.");

    public static readonly Histogram<long> CheckpointSize = Meter.CreateHistogram<long>("migrationkit.checkpoint.size", unit: "By", description: "Size of each checkpoint file.");

    public static readonly Histogram<double> CheckpointDuration = Meter.CreateHistogram<double>("migrationkit.checkpoint.duration", unit: "s", description: "Duration of one checkpoint backup.");

    public static readonly Counter<long> CheckpointsRestored = Meter.CreateCounter<long>("migrationkit.checkpoints.restored", unit: "{checkpoint}", description: "Checkpoints restored.");

    public static readonly Histogram<double> RestoreDuration = Meter.CreateHistogram<double>("migrationkit.restore.duration", unit: "s", description: "Duration of one restore, verification included.");

    /// <summary>Marks <paramref name="activity"/> as failed by <paramref name="error"/> (status and <c>error.type</c>).</summary>
    public static void Failed(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.SetTag(ErrorType, error.GetType().FullName);
    }
}
