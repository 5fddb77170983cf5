namespace MigrationKit.Runs;

/// <summary>How a run ended, as <see cref="IMigrationRunner.GetRunsAsync"/> reports it.</summary>
public enum MigrationRunOutcome
{
    /// <summary>The run has not recorded an end and nothing shows that it stopped: it is in progress.</summary>
    Running,

    /// <summary>Every step the run took completed.</summary>
    Succeeded,

    /// <summary>The run stopped on an error (a failed step, a refused plan, a validation error); <see cref="MigrationRun.Error"/> says which.</summary>
    Failed,

    /// <summary>The caller cancelled the run; the step in progress was rolled back.</summary>
    Cancelled,

    /// <summary>
    /// The run never recorded an end, and a later run of the database has finished since, or its process (on this
    /// host) is gone: the process was killed or lost its connection part way.
    /// </summary>
    Interrupted,
}
