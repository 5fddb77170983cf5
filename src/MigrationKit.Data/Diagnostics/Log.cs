using Microsoft.Extensions.Logging;

namespace MigrationKit.Data.Diagnostics;

/// <summary>Log messages of data moves. Event ids: 2000s runs, 2100s batches, 2200s validation.</summary>
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
}
