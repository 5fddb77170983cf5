namespace MigrationKit.Specification.Support;

/// <summary>A point in a run where <see cref="HookedProvider"/> calls its hook.</summary>
internal enum RunStage
{
    /// <summary>Before the run's lock is taken.</summary>
    Lock,

    /// <summary>Before each history check of a migration (the first check of the next one follows the previous commit).</summary>
    HistoryCheck,

    /// <summary>A migration's transaction is open and its statements are about to run.</summary>
    MigrationStarting,

    /// <summary>A migration's statements ran and its history row is written; the transaction is about to commit.</summary>
    BeforeCommit,

    /// <summary>The run's record is about to be finished (outcome and end written).</summary>
    RunFinishing,
}
