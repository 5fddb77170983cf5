using System.Diagnostics.Metrics;

namespace MigrationKit.Data.Diagnostics;

/// <summary>The data moves' instruments, on a <see cref="Meter"/> named <c>MigrationKit</c> like the core's.</summary>
internal static class DataMoveTelemetry
{
    public static readonly Meter Meter = new("MigrationKit", typeof(DataMoveTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> RowsMoved = Meter.CreateCounter<long>("migrationkit.data.rows_moved", unit: "{row}", description: "Rows written by data moves.");

    public static readonly Counter<long> BatchesCommitted = Meter.CreateCounter<long>("migrationkit.data.batches_committed", unit: "{batch}", description: "Batches committed by data moves.");
}
