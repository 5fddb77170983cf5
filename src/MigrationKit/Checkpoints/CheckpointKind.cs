namespace MigrationKit.Checkpoints;

/// <summary>Why a checkpoint was taken, which decides how long retention keeps it.</summary>
public enum CheckpointKind
{
    /// <summary>Taken automatically before a run; kept 7 days by default.</summary>
    Routine,

    /// <summary>Taken by hand to mark a release or a known-good state; kept until deleted by hand.</summary>
    Milestone,

    /// <summary>Taken before recovery work; kept 30 days by default.</summary>
    Emergency,
}
