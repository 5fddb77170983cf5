namespace MigrationKit.Checkpoints;

/// <summary>What a restore did and what the database looks like afterwards (read back to verify it).</summary>
/// <param name="Checkpoint">The checkpoint restored.</param>
/// <param name="Duration">How long the restore took, verification included.</param>
/// <param name="Version">The schema version after the restore, read from the restored history.</param>
/// <param name="Status">The status read after the restore.</param>
/// <param name="TableCount">How many tables the restored schema has (history tables excluded).</param>
/// <param name="JournalEntriesKept">How many journal entries written after the checkpoint were appended again, so the audit trail loses nothing.</param>
public sealed record CheckpointRestoreResult(
    Checkpoint Checkpoint,
    TimeSpan Duration,
    long Version,
    MigrationStatus Status,
    int TableCount,
    int JournalEntriesKept);
