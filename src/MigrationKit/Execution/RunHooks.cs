using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Planning;
using MigrationKit.Providers;

namespace MigrationKit.Execution;

/// <summary>
/// Where the services beside the executor join a run: a checkpoint taken under the run's lock once the plan is known,
/// and the safe checkpoint named when steps were left part way. The executor knows neither policy.
/// </summary>
internal sealed class RunHooks
{
    /// <summary>Hooks that do nothing.</summary>
    public static readonly RunHooks None = new();

    /// <summary>Called under the lock with a non-empty plan, before its first step; returns the checkpoint taken, if any.</summary>
    public Func<MigrationSession, IMigrationHistory, MigrationPlan, CancellationToken, Task<Checkpoint?>>? BeforeSteps { get; init; }

    /// <summary>Finds the newest checkpoint taken below the incomplete versions, to name it in the error.</summary>
    public Func<IReadOnlyList<long>, CancellationToken, Task<Checkpoint?>>? SafeCheckpoint { get; init; }

    /// <summary>Called under the lock with the plan just made and the history it was made from; throws when the run must not go on (a stale plan).</summary>
    public Action<MigrationPlan, IReadOnlyList<AppliedMigration>>? CheckPlan { get; init; }

    /// <summary>Offered each step before it runs; the run stops at the first step it declines.</summary>
    public Func<MigrationPlanStep, CancellationToken, ValueTask<bool>>? ApproveStep { get; init; }
}
