namespace MigrationKit.History;

/// <summary>What a journal entry records.</summary>
public enum JournalAction
{
    /// <summary>A migration's Up.</summary>
    Up,

    /// <summary>A migration's Down.</summary>
    Down,

    /// <summary>A baseline: versions marked as applied without running them.</summary>
    Baseline,

    /// <summary>A repair: checksums re-recorded or a failed step cleared.</summary>
    Repair,

    /// <summary>A checkpoint was taken; the entry's text names it.</summary>
    Checkpoint,

    /// <summary>A checkpoint was restored; the entry's text names it.</summary>
    Restore,

    /// <summary>A repeatable SQL-file migration was (re-)applied; the entry has no version and its text names the file and checksum.</summary>
    Repeatable,
}
