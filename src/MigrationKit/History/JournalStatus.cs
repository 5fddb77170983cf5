namespace MigrationKit.History;

/// <summary>How a journaled step ended.</summary>
public enum JournalStatus
{
    /// <summary>The step began outside a transaction; no outcome is recorded yet.</summary>
    Started,

    /// <summary>The step completed.</summary>
    Succeeded,

    /// <summary>The step failed and its transaction was rolled back: nothing of it remains.</summary>
    Failed,

    /// <summary>The step failed outside a transaction: part of it may remain and the runner refuses to go on until it is repaired.</summary>
    Incomplete,
}
