using MigrationKit.Checkpoints;
using MigrationKit.Planning;

namespace MigrationKit.Execution;

/// <summary>What a run decided before it failed: the plan it carried out and the checkpoint taken before it.</summary>
internal sealed class RunState
{
    /// <summary>The plan, once made under the lock; <see langword="null"/> before.</summary>
    public MigrationPlan? Plan { get; set; }

    /// <summary>The checkpoint taken before the first step, if any.</summary>
    public Checkpoint? Checkpoint { get; set; }
}
