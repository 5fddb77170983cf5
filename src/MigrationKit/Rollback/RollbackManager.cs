using MigrationKit.Checkpoints;

namespace MigrationKit.Rollback;

/// <summary>The rollback manager of one runner: checkpoints and the way back, over the runner's session and history.</summary>
internal sealed class RollbackManager(MigrationRunner runner) : IRollbackManager
{
    public Task<Checkpoint> CreateCheckpointAsync(CheckpointKind kind = CheckpointKind.Milestone, CheckpointLevel? level = null, string? description = null, CancellationToken cancellationToken = default) =>
        runner.CreateCheckpointAsync(kind, level, description, cancellationToken);

    public Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(CancellationToken cancellationToken = default) =>
        runner.RequireCheckpointStore().ListAsync(cancellationToken);

    public async Task<Checkpoint> VerifyCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default)
    {
        var store = runner.RequireCheckpointStore();
        var checkpoint = await store.GetAsync(checkpointId, cancellationToken).ConfigureAwait(false);
        await store.VerifyAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }

    public async Task<CheckpointRestoreResult> RestoreCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default)
    {
        var checkpoint = await runner.RequireCheckpointStore().GetAsync(checkpointId, cancellationToken).ConfigureAwait(false);
        return await runner.RestoreCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Checkpoint> DeleteCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default)
    {
        var store = runner.RequireCheckpointStore();
        var checkpoint = await store.GetAsync(checkpointId, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(checkpoint).ConfigureAwait(false);
        return checkpoint;
    }

    public Task<IReadOnlyList<Checkpoint>> PruneCheckpointsAsync(CancellationToken cancellationToken = default) =>
        runner.PruneCheckpointsAsync(cancellationToken);

    public Task<RollbackPlan> PlanRollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default) =>
        runner.PlanRollbackAsync(target, cancellationToken);

    public Task<RollbackResult> RollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default) =>
        runner.RollbackAsync(target, cancellationToken);
}
