namespace MigrationKit.Risk;

/// <summary>
/// How plans are graded and when a run needs approval: the row thresholds that make a step Medium or High, how rows
/// are counted, the throughput estimates use, and the level above which a run is refused without approval.
/// </summary>
public sealed class RiskOptions
{
    /// <summary>From this many rows a blocking or rewriting step is High (default 100,000).</summary>
    public long LargeTableRows { get; set; } = 100_000;

    /// <summary>From this many rows such a step is Medium (default 10,000); below it, Low.</summary>
    public long MediumTableRows { get; set; } = 10_000;

    /// <summary>From this many rows under a blocking or rewriting step, the volume alone makes the step Critical (default 10,000,000).</summary>
    public long CriticalVolumeRows { get; set; } = 10_000_000;

    /// <summary>Count rows exactly when the database's estimate is below this (default 100,000).</summary>
    public long ExactCountBelowRows { get; set; } = 100_000;

    /// <summary>Count every touched table exactly, whatever its size (default false: big tables are estimated).</summary>
    public bool CountExactly { get; set; }

    /// <summary>Whether the planner runs the data checks its rules need (NULLs, duplicates, values, max key). Default true.</summary>
    public bool RunDataChecks { get; set; } = true;

    /// <summary>A transaction holding a lock on a touched table for longer than this raises the step's level (default one minute).</summary>
    public TimeSpan LongTransaction { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>From this many foreign keys pointing at a table, a step that locks it exclusively is raised one level (default 5).</summary>
    public int ForeignKeyFanIn { get; set; } = 5;

    /// <summary>Bytes per second a rewrite, rebuild or index build moves on this server, for estimates (default 50 MB/s).</summary>
    public long ThroughputBytesPerSecond { get; set; } = 50L * 1024 * 1024;

    /// <summary>Rows per second a rewrite or rebuild moves when the size on disk is unknown, for estimates (default 250,000).</summary>
    public long ThroughputRowsPerSecond { get; set; } = 250_000;

    /// <summary>
    /// Refuse to run a plan whose level is above this without explicit approval (a step-by-step approval callback);
    /// <see langword="null"/> (the default) never refuses.
    /// </summary>
    public RiskLevel? RequireApprovalAbove { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (MediumTableRows < 0 || LargeTableRows < MediumTableRows || CriticalVolumeRows < LargeTableRows)
        {
            yield return "Options.Risk row thresholds must satisfy 0 <= MediumTableRows <= LargeTableRows <= CriticalVolumeRows";
        }

        if (ThroughputBytesPerSecond <= 0 || ThroughputRowsPerSecond <= 0)
        {
            yield return "Options.Risk throughputs must be positive";
        }

        if (LongTransaction < TimeSpan.Zero)
        {
            yield return "Options.Risk.LongTransaction must not be negative";
        }
    }
}
