using Microsoft.Extensions.Logging;

namespace MigrationKit.Fleet.Diagnostics;

/// <summary>The fleet assembly's log messages: event ids 8000–8099 (the core uses the 1000s, hosting the 7000s).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, EventName = "FleetStarting", Level = LogLevel.Information, Message = "Fleet run over {Count} target(s), {Canaries} canary(ies) first, at most {Parallelism} at once")]
    public static partial void FleetStarting(ILogger logger, int count, int canaries, int parallelism);

    [LoggerMessage(EventId = 8001, EventName = "TargetMigrated", Level = LogLevel.Information, Message = "Fleet target {Target}: {Outcome}, version {Before} -> {After} in {ElapsedMs} ms")]
    public static partial void TargetMigrated(ILogger logger, string target, FleetOutcome outcome, long before, long after, long elapsedMs);

    [LoggerMessage(EventId = 8002, EventName = "TargetFailed", Level = LogLevel.Error, Message = "Fleet target {Target} failed; the run goes on with the other targets")]
    public static partial void TargetFailed(ILogger logger, string target, Exception exception);

    [LoggerMessage(EventId = 8003, EventName = "CanaryFailed", Level = LogLevel.Error, Message = "{Failed} canary target(s) failed; {Skipped} other target(s) skipped")]
    public static partial void CanaryFailed(ILogger logger, int failed, int skipped);

    [LoggerMessage(EventId = 8004, EventName = "FleetCompleted", Level = LogLevel.Information, Message = "Fleet run done: {Migrated} migrated, {UpToDate} up to date, {Failed} failed, {Skipped} skipped")]
    public static partial void FleetCompleted(ILogger logger, int migrated, int upToDate, int failed, int skipped);
}
