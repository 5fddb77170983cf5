using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MigrationKit.Diagnostics;

/// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>MigrationKit</c>.</summary>
internal static class MigrationKitTelemetry
{
    public const string Name = "MigrationKit";

    public static readonly ActivitySource ActivitySource = new(Name, LibraryVersion.Value);

    public static readonly Meter Meter = new(Name, LibraryVersion.Value);

    public static readonly Counter<long> MigrationsApplied = Meter.CreateCounter<long>("migrationkit.migrations.applied", unit: "{migration}", description: "Migrations applied (up) or reverted (down).");

    public static readonly Counter<long> MigrationsFailed = Meter.CreateCounter<long>("migrationkit.migrations.failed", unit: "{migration}", description: "Migration steps that failed.");

    public static readonly Histogram<double> MigrationDuration = Meter.CreateHistogram<double>("migrationkit.migration.duration", unit: "ms", description: "Duration of one migration step.");

    public static readonly Counter<long> CheckpointsCreated = Meter.CreateCounter<long>("migrationkit.checkpoints.created", unit: "{checkpoint}", description: "Checkpoints written.");

    public static readonly Histogram<long> CheckpointSize = Meter.CreateHistogram<long>("migrationkit.checkpoint.size", unit: "By", description: "Size of each checkpoint file.");

    public static readonly Histogram<double> CheckpointDuration = Meter.CreateHistogram<double>("migrationkit.checkpoint.duration", unit: "ms", description: "Duration of one checkpoint backup.");

    public static readonly Counter<long> CheckpointsRestored = Meter.CreateCounter<long>("migrationkit.checkpoints.restored", unit: "{checkpoint}", description: "Checkpoints restored.");

    public static readonly Histogram<double> RestoreDuration = Meter.CreateHistogram<double>("migrationkit.restore.duration", unit: "ms", description: "Duration of one restore, verification included.");
}
