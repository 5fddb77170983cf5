namespace MigrationKit.Rollback;

/// <summary>How a <see cref="RollbackTarget"/> names where to go back to.</summary>
public enum RollbackTargetKind
{
    /// <summary>A schema version (0 for an empty history).</summary>
    Version,

    /// <summary>A number of applied migrations to undo, newest first.</summary>
    Steps,

    /// <summary>A checkpoint, by id: always a physical rollback.</summary>
    Checkpoint,
}
