using Microsoft.Extensions.Logging;

namespace MigrationKit.Hosting.Diagnostics;

/// <summary>
/// The hosting assembly's log messages. Event ids 7000–7099 belong to hosted startup (7000s: migrate, 7010s: wait,
/// 7020s: run and exit), 7100–7199 to the health check; the core uses the 1000s.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, EventName = "StartupMigrating", Level = LogLevel.Information, Message = "Migrating target {Target} before the host starts serving")]
    public static partial void StartupMigrating(ILogger logger, string target);

    [LoggerMessage(EventId = 7001, EventName = "StartupMigrated", Level = LogLevel.Information, Message = "Target {Target}: {Count} migration(s) applied at startup, now at version {Version}")]
    public static partial void StartupMigrated(ILogger logger, string target, int count, long version);

    [LoggerMessage(EventId = 7002, EventName = "StartupUpToDate", Level = LogLevel.Information, Message = "Target {Target} was already up to date at version {Version}")]
    public static partial void StartupUpToDate(ILogger logger, string target, long version);

    [LoggerMessage(EventId = 7003, EventName = "StartupMigrationFailed", Level = LogLevel.Error, Message = "Target {Target}: the startup migration failed; the host does not start")]
    public static partial void StartupMigrationFailed(ILogger logger, string target, Exception exception);

    [LoggerMessage(EventId = 7004, EventName = "StartupCancelled", Level = LogLevel.Warning, Message = "Target {Target}: the startup migration was cancelled")]
    public static partial void StartupCancelled(ILogger logger, string target);

    [LoggerMessage(EventId = 7010, EventName = "WaitingForMigrations", Level = LogLevel.Information, Message = "Target {Target}: waiting up to {TimeoutSeconds} s for another instance to apply {Count} pending migration(s): {Versions}")]
    public static partial void WaitingForMigrations(ILogger logger, string target, double timeoutSeconds, int count, string versions);

    [LoggerMessage(EventId = 7011, EventName = "StillPending", Level = LogLevel.Debug, Message = "Target {Target}: still {Count} pending migration(s)")]
    public static partial void StillPending(ILogger logger, string target, int count);

    [LoggerMessage(EventId = 7012, EventName = "WaitCompleted", Level = LogLevel.Information, Message = "Target {Target} is current at version {Version}; the host starts")]
    public static partial void WaitCompleted(ILogger logger, string target, long version);

    [LoggerMessage(EventId = 7013, EventName = "WaitFailed", Level = LogLevel.Error, Message = "Target {Target}: waiting for migrations failed; the host does not start")]
    public static partial void WaitFailed(ILogger logger, string target, Exception exception);

    [LoggerMessage(EventId = 7014, EventName = "WaitDatabaseUnreachable", Level = LogLevel.Warning, Message = "Target {Target}: the database {Database} cannot be reached yet; still waiting")]
    public static partial void WaitDatabaseUnreachable(ILogger logger, string target, string database);

    [LoggerMessage(EventId = 7020, EventName = "RunAndExitSucceeded", Level = LogLevel.Information, Message = "Target {Target} migrated to version {Version}; stopping the host with exit code 0")]
    public static partial void RunAndExitSucceeded(ILogger logger, string target, long version);

    [LoggerMessage(EventId = 7021, EventName = "RunAndExitFailed", Level = LogLevel.Error, Message = "Target {Target}: migrating failed; stopping the host with exit code {ExitCode}")]
    public static partial void RunAndExitFailed(ILogger logger, string target, int exitCode, Exception exception);

    [LoggerMessage(EventId = 7100, EventName = "HealthCheckStatusFailed", Level = LogLevel.Warning, Message = "Target {Target}: the health check could not read the migration status")]
    public static partial void HealthCheckStatusFailed(ILogger logger, string target, Exception exception);
}
