using Microsoft.Extensions.Logging;

namespace MigrationKit.Diagnostics;

/// <summary>Log messages. Event ids: 1000s runs, 1100s steps, 1200s SQL, 1300s validation and history, 1400s checkpoints, rollback and observers, 1500s lock-timeout retries, 1600s plans and risk.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "RunStarting", Level = LogLevel.Information, Message = "Migrating {Target} ({Direction}) on {Database}")]
    public static partial void RunStarting(ILogger logger, string direction, string target, string database);

    [LoggerMessage(EventId = 1001, EventName = "NothingPending", Level = LogLevel.Information, Message = "{Database} is up to date at version {Version}")]
    public static partial void NothingPending(ILogger logger, string database, long version);

    [LoggerMessage(EventId = 1002, EventName = "RunCompleted", Level = LogLevel.Information, Message = "{Count} migration(s) {Direction} in {ElapsedMs} ms; {Database} is at version {Version}")]
    public static partial void RunCompleted(ILogger logger, int count, string direction, long elapsedMs, string database, long version);

    [LoggerMessage(EventId = 1003, EventName = "LockAcquired", Level = LogLevel.Debug, Message = "Migration lock acquired on {Database} in {ElapsedMs} ms")]
    public static partial void LockAcquired(ILogger logger, string database, long elapsedMs);

    [LoggerMessage(EventId = 1100, EventName = "MigrationStarting", Level = LogLevel.Information, Message = "Migration {Version} '{Description}' {Direction} starting")]
    public static partial void MigrationStarting(ILogger logger, long version, string description, string direction);

    [LoggerMessage(EventId = 1101, EventName = "MigrationCompleted", Level = LogLevel.Information, Message = "Migration {Version} '{Description}' {Direction} completed in {ElapsedMs} ms")]
    public static partial void MigrationCompleted(ILogger logger, long version, string description, string direction, long elapsedMs);

    [LoggerMessage(EventId = 1102, EventName = "MigrationSkipped", Level = LogLevel.Information, Message = "Migration {Version} {Direction} skipped: another runner already did it")]
    public static partial void MigrationSkipped(ILogger logger, long version, string direction);

    [LoggerMessage(EventId = 1103, EventName = "MigrationFailed", Level = LogLevel.Error, Message = "Migration {Version} '{Description}' {Direction} failed")]
    public static partial void MigrationFailed(ILogger logger, Exception exception, long version, string description, string direction);

    [LoggerMessage(EventId = 1105, EventName = "StepDeclined", Level = LogLevel.Warning, Message = "Migration {Version} '{Description}' {Direction} was not approved; the run stops before it")]
    public static partial void StepDeclined(ILogger logger, long version, string description, string direction);

    [LoggerMessage(EventId = 1600, EventName = "PlanAssessed", Level = LogLevel.Information, Message = "Planned {Count} step(s) {Direction} to {Target} on {Database}: risk {Level}, {Findings} finding(s), statistics in {RoundTrips} round trip(s)")]
    public static partial void PlanAssessed(ILogger logger, int count, string direction, string target, string database, string level, int findings, int roundTrips);

    [LoggerMessage(EventId = 1120, EventName = "BookkeepingFailed", Level = LogLevel.Error, Message = "MigrationKit's own statement failed while migration {Version} '{Description}' ran ({Direction}): {Statement}")]
    public static partial void BookkeepingFailed(ILogger logger, Exception exception, long version, string description, string direction, string statement);

    [LoggerMessage(EventId = 1121, EventName = "SessionResetFailed", Level = LogLevel.Warning, Message = "Could not reset the session after migration {Version} failed outside a transaction")]
    public static partial void SessionResetFailed(ILogger logger, Exception exception, long version);

    [LoggerMessage(EventId = 1104, EventName = "OutOfOrder", Level = LogLevel.Warning, Message = "Migration {Version} is older than the latest applied version {Latest} and is applied out of order")]
    public static partial void OutOfOrder(ILogger logger, long version, long latest);

    [LoggerMessage(EventId = 1110, EventName = "RepeatableStarting", Level = LogLevel.Information, Message = "Repeatable migration {File} starting (checksum {Checksum})")]
    public static partial void RepeatableStarting(ILogger logger, string file, string checksum);

    [LoggerMessage(EventId = 1111, EventName = "RepeatableCompleted", Level = LogLevel.Information, Message = "Repeatable migration {File} completed in {ElapsedMs} ms")]
    public static partial void RepeatableCompleted(ILogger logger, string file, long elapsedMs);

    [LoggerMessage(EventId = 1112, EventName = "RepeatableSkipped", Level = LogLevel.Information, Message = "Repeatable migration {File} skipped: another runner already applied this version of it")]
    public static partial void RepeatableSkipped(ILogger logger, string file);

    [LoggerMessage(EventId = 1113, EventName = "RepeatableFailed", Level = LogLevel.Error, Message = "Repeatable migration {File} failed")]
    public static partial void RepeatableFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(EventId = 1200, EventName = "ExecutingSql", Level = LogLevel.Debug, Message = "Executing SQL: {Sql}")]
    public static partial void ExecutingSql(ILogger logger, string sql);

    [LoggerMessage(EventId = 1300, EventName = "HistoryCreated", Level = LogLevel.Information, Message = "Created the migration history tables on {Database}")]
    public static partial void HistoryCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 1301, EventName = "JournalWriteFailed", Level = LogLevel.Warning, Message = "Could not record a failed step of migration {Version} in the journal")]
    public static partial void JournalWriteFailed(ILogger logger, Exception exception, long version);

    [LoggerMessage(EventId = 1302, EventName = "Repaired", Level = LogLevel.Warning, Message = "Repaired migration {Version}: {What}")]
    public static partial void Repaired(ILogger logger, long version, string what);

    [LoggerMessage(EventId = 1304, EventName = "DigestNotRecorded", Level = LogLevel.Warning, Message = "Could not record the digest of the applied migrations on {Database}; startups read the whole history until it is")]
    public static partial void DigestNotRecorded(ILogger logger, Exception exception, string database);

    [LoggerMessage(EventId = 1303, EventName = "Baselined", Level = LogLevel.Information, Message = "Baselined {Database} at version {Version} ({Count} migration(s) marked as applied)")]
    public static partial void Baselined(ILogger logger, string database, long version, int count);

    [LoggerMessage(EventId = 1400, EventName = "CheckpointCreated", Level = LogLevel.Information, Message = "Checkpoint {Id} of {Database} at version {Version} ({Kind}, {Level}) written to {File}: {SizeBytes} bytes in {ElapsedMs} ms")]
    public static partial void CheckpointCreated(ILogger logger, string id, string database, long version, string kind, string level, string file, long sizeBytes, long elapsedMs);

    [LoggerMessage(EventId = 1401, EventName = "CheckpointRestoring", Level = LogLevel.Warning, Message = "Restoring checkpoint {Id} (version {Version}) onto {Database}")]
    public static partial void CheckpointRestoring(ILogger logger, string id, long version, string database);

    [LoggerMessage(EventId = 1402, EventName = "CheckpointRestored", Level = LogLevel.Warning, Message = "Restored checkpoint {Id} onto {Database} in {ElapsedMs} ms: now at version {Version} with {Tables} table(s); {JournalEntries} journal entries written since were kept")]
    public static partial void CheckpointRestored(ILogger logger, string id, string database, long elapsedMs, long version, int tables, int journalEntries);

    [LoggerMessage(EventId = 1403, EventName = "CheckpointRefused", Level = LogLevel.Error, Message = "Checkpoint {Id} refused; the database was not touched")]
    public static partial void CheckpointRefused(ILogger logger, Exception exception, string id);

    [LoggerMessage(EventId = 1404, EventName = "CheckpointPruned", Level = LogLevel.Information, Message = "Checkpoint {Id} ({Kind}, taken {CreatedAt:o}) pruned: older than its retention")]
    public static partial void CheckpointPruned(ILogger logger, string id, string kind, DateTimeOffset createdAt);

    [LoggerMessage(EventId = 1405, EventName = "CheckpointBeforeRun", Level = LogLevel.Information, Message = "Taking a checkpoint of {Database} before the run: {Reason}")]
    public static partial void CheckpointBeforeRun(ILogger logger, string database, string reason);

    [LoggerMessage(EventId = 1406, EventName = "RestoreOnFailure", Level = LogLevel.Warning, Message = "Migration {Version} failed outside a transaction; restoring checkpoint {Id} taken before the run")]
    public static partial void RestoreOnFailure(ILogger logger, long version, string id);

    [LoggerMessage(EventId = 1407, EventName = "RestoreOnFailureFailed", Level = LogLevel.Error, Message = "Restoring checkpoint {Id} after migration {Version} failed did not succeed")]
    public static partial void RestoreOnFailureFailed(ILogger logger, Exception exception, string id, long version);

    [LoggerMessage(EventId = 1410, EventName = "RollbackPlanned", Level = LogLevel.Information, Message = "Rollback to {Target} of {Database}: {Method}. {Reason}")]
    public static partial void RollbackPlanned(ILogger logger, string target, string database, string method, string reason);

    [LoggerMessage(EventId = 1411, EventName = "RollbackCompleted", Level = LogLevel.Information, Message = "Rollback of {Database} ({Method}) completed in {ElapsedMs} ms at version {Version}")]
    public static partial void RollbackCompleted(ILogger logger, string database, string method, long elapsedMs, long version);

    [LoggerMessage(EventId = 1420, EventName = "ObserverFailed", Level = LogLevel.Warning, Message = "Migration observer {Observer} threw from {Callback}; the run goes on")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string observer, string callback);

    [LoggerMessage(EventId = 1500, EventName = "LockTimeoutRetrying", Level = LogLevel.Warning, Message = "Migration {Version} '{Description}' {Direction} hit a lock timeout (attempt {Attempt} of {MaxAttempts}); retrying in {DelayMs} ms. {Blocker}")]
    public static partial void LockTimeoutRetrying(ILogger logger, long version, string description, string direction, int attempt, int maxAttempts, long delayMs, string blocker);

    [LoggerMessage(EventId = 1501, EventName = "LockTimeoutGaveUp", Level = LogLevel.Error, Message = "Migration {Version} '{Description}' {Direction} gave up after {Attempts} lock timeout(s). {Blocker}")]
    public static partial void LockTimeoutGaveUp(ILogger logger, long version, string description, string direction, int attempts, string blocker);

    [LoggerMessage(EventId = 1700, EventName = "DriftDetected", Level = LogLevel.Information, Message = "Drift check of {Database}: {Differences} difference(s) from what the applied migrations up to version {Version} create")]
    public static partial void DriftDetected(ILogger logger, string database, int differences, long version);

    [LoggerMessage(EventId = 1701, EventName = "DriftFixNotDerived", Level = LogLevel.Debug, Message = "No fix SQL for drift '{Difference}': {Reason}")]
    public static partial void DriftFixNotDerived(ILogger logger, string difference, string reason);

    // 1900s: health.
    [LoggerMessage(EventId = 1900, EventName = "HealthRead", Level = LogLevel.Debug, Message = "Health of {Database}: {Summary}")]
    public static partial void HealthRead(ILogger logger, string database, string summary);

    [LoggerMessage(EventId = 1901, EventName = "HealthUnreachable", Level = LogLevel.Warning, Message = "Health check could not reach {Database}")]
    public static partial void HealthUnreachable(ILogger logger, Exception exception, string database);

    [LoggerMessage(EventId = 1902, EventName = "HealthReadFailed", Level = LogLevel.Warning, Message = "Health check reached {Database} but could not read it")]
    public static partial void HealthReadFailed(ILogger logger, Exception exception, string database);

    [LoggerMessage(EventId = 1850, EventName = "RunRecordFailed", Level = LogLevel.Warning, Message = "The record of run {RunId} could not be finished; it will read as interrupted")]
    public static partial void RunRecordFailed(ILogger logger, Exception exception, Guid runId);
}
