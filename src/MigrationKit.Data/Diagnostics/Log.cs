using Microsoft.Extensions.Logging;

namespace MigrationKit.Data.Diagnostics;

/// <summary>Log messages of data moves. Event ids: 2000s runs, 2100s batches, 2200s validation, 2300s whole-database moves.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, EventName = "MoveStarting", Level = LogLevel.Information, Message = "Data move {Move} run {Run} starting: {Source} → {Target}, {Total} source row(s), resuming after batch {Batches}")]
    public static partial void MoveStarting(ILogger logger, string move, long run, string source, string target, long total, long batches);

    [LoggerMessage(EventId = 2001, EventName = "MoveCompleted", Level = LogLevel.Information, Message = "Data move {Move} run {Run} completed: {Rows} row(s) in {Batches} batch(es), {ElapsedMs} ms")]
    public static partial void MoveCompleted(ILogger logger, string move, long run, long rows, long batches, long elapsedMs);

    [LoggerMessage(EventId = 2002, EventName = "MoveAlreadyCompleted", Level = LogLevel.Information, Message = "Data move {Move} was completed by run {Run}; nothing to do")]
    public static partial void MoveAlreadyCompleted(ILogger logger, string move, long run);

    [LoggerMessage(EventId = 2003, EventName = "MoveFailed", Level = LogLevel.Error, Message = "Data move {Move} run {Run} failed after batch {Batches}; the next run resumes there")]
    public static partial void MoveFailed(ILogger logger, Exception exception, string move, long run, long batches);

    [LoggerMessage(EventId = 2004, EventName = "MoveCancelled", Level = LogLevel.Warning, Message = "Data move {Move} run {Run} cancelled after batch {Batches}; the next run resumes there")]
    public static partial void MoveCancelled(ILogger logger, string move, long run, long batches);

    [LoggerMessage(EventId = 2100, EventName = "BatchCommitted", Level = LogLevel.Debug, Message = "Data move {Move} batch {Batch} committed: {Rows} row(s), last key {LastKey}")]
    public static partial void BatchCommitted(ILogger logger, string move, long batch, int rows, string lastKey);

    [LoggerMessage(EventId = 2200, EventName = "ValidationCompleted", Level = LogLevel.Information, Message = "Data move {Move} validated: {SourceRows} source row(s), {TargetRows} target row(s), {Differences} difference(s)")]
    public static partial void ValidationCompleted(ILogger logger, string move, long sourceRows, long targetRows, int differences);

    [LoggerMessage(EventId = 2300, EventName = "DatabaseMoveStarting", Level = LogLevel.Information, Message = "Database move {Move} starting: {Tables} table(s) in foreign-key order: {Order}")]
    public static partial void DatabaseMoveStarting(ILogger logger, string move, int tables, string order);

    [LoggerMessage(EventId = 2301, EventName = "DatabaseMoveCompleted", Level = LogLevel.Information, Message = "Database move {Move} completed: {Rows} row(s) in {Tables} table(s), {ElapsedMs} ms")]
    public static partial void DatabaseMoveCompleted(ILogger logger, string move, long rows, int tables, long elapsedMs);

    [LoggerMessage(EventId = 2302, EventName = "DeferredColumnFilled", Level = LogLevel.Information, Message = "Database move {Move}: deferred column {Table}.{Column} filled in ({Rows} row(s))")]
    public static partial void DeferredColumnFilled(ILogger logger, string move, string table, string column, long rows);

    [LoggerMessage(EventId = 2303, EventName = "KeyGeneratorAdvanced", Level = LogLevel.Information, Message = "Database move {Move}: {Table}.{Column}'s generator {Generator} hands out {Next} next")]
    public static partial void KeyGeneratorAdvanced(ILogger logger, string move, string table, string column, string generator, long next);

    [LoggerMessage(EventId = 2304, EventName = "ForeignKeyOrphans", Level = LogLevel.Warning, Message = "Database move {Move}: foreign key {ForeignKey} has {Orphans} orphaned row(s), for example {Examples}")]
    public static partial void ForeignKeyOrphans(ILogger logger, string move, string foreignKey, long orphans, string examples);

    [LoggerMessage(EventId = 2305, EventName = "CheckpointTaken", Level = LogLevel.Information, Message = "Database move {Move}: checkpoint {Checkpoint} of the target taken before the first row")]
    public static partial void CheckpointTaken(ILogger logger, string move, string checkpoint);
}
