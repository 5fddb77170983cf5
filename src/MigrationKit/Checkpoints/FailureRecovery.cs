using MigrationKit.Planning;

namespace MigrationKit.Checkpoints;

/// <summary>
/// What to do when a run up fails outside a transaction (the database may hold part of the step), decided from the
/// failure, the plan and the options alone; tested without a database.
/// </summary>
internal static class FailureRecovery
{
    /// <summary>Whether the failure is one recovery handles: a step up that ran without a transaction.</summary>
    public static bool Applies(MigrationDirection direction, MigrationFailedException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return direction == MigrationDirection.Up && !failure.Transactional;
    }

    /// <summary>The versions of the plan applied before the failed one, and those after it that never ran.</summary>
    public static (IReadOnlyList<long> AppliedInRun, IReadOnlyList<long> NotRun) Split(MigrationPlan? plan, long failedVersion)
    {
        var planned = plan?.Steps.Select(s => s.Version).ToArray() ?? [];
        return (planned.TakeWhile(v => v != failedVersion).ToArray(), planned.SkipWhile(v => v != failedVersion).Skip(1).ToArray());
    }

    /// <summary>Whether to restore <paramref name="checkpoint"/>: there is one, taken before this run, and the options ask for it.</summary>
    public static bool ShouldRestore(Checkpoint? checkpoint, CheckpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return checkpoint is not null && options.RestoreOnFailure;
    }
}
