namespace MigrationKit.Rollback;

/// <summary>The way back a rollback takes.</summary>
public enum RollbackMethod
{
    /// <summary>Run Down migrations, newest first.</summary>
    Logical,

    /// <summary>Restore a checkpoint, then migrate up to the target when the checkpoint is older than it.</summary>
    Physical,
}
