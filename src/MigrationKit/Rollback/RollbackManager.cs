using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MigrationKit.Checkpoints;
using MigrationKit.Diagnostics;
using MigrationKit.Execution;
using MigrationKit.Operations;
using MigrationKit.Planning;
using MigrationKit.Providers;

namespace MigrationKit.Rollback;

/// <summary>
/// The rollback manager of one target: checkpoints (through the checkpoint service) and the way back, chosen by
/// <see cref="RollbackPlanner"/> and carried out by the executor (logical) or by a restore (physical).
/// </summary>
internal sealed class RollbackManager(MigrationProvider provider, MigrationPlanner planner, MigrationExecutor executor, CheckpointService checkpoints, ILogger logger, TimeProvider time) : IRollbackManager
{
    public Task<Checkpoint> CreateCheckpointAsync(CheckpointKind kind = CheckpointKind.Milestone, CheckpointLevel? level = null, string? description = null, CancellationToken cancellationToken = default) =>
        checkpoints.CreateAsync(kind, level, description, cancellationToken);

    public Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(CancellationToken cancellationToken = default) =>
        checkpoints.RequireStore().ListAsync(cancellationToken);

    public async Task<Checkpoint> VerifyCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default)
    {
        var store = checkpoints.RequireStore();
        var checkpoint = await store.GetAsync(checkpointId, cancellationToken).ConfigureAwait(false);
        await store.VerifyAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }

    public async Task<CheckpointRestoreResult> RestoreCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default)
    {
        var checkpoint = await checkpoints.RequireStore().GetAsync(checkpointId, cancellationToken).ConfigureAwait(false);
        return await checkpoints.RestoreAsync(checkpoint, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Checkpoint> DeleteCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default)
    {
        var store = checkpoints.RequireStore();
        var checkpoint = await store.GetAsync(checkpointId, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(checkpoint).ConfigureAwait(false);
        return checkpoint;
    }

    public Task<IReadOnlyList<Checkpoint>> PruneCheckpointsAsync(CancellationToken cancellationToken = default) =>
        checkpoints.PruneAsync(cancellationToken);

    public Task<RollbackPlan> PlanRollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return executor.WithSessionAsync(lockDatabase: false, async (session, history) =>
        {
            var applied = await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
                ? (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).Order().ToArray()
                : [];
            var fromVersion = applied.Length == 0 ? 0 : applied[^1];
            RollbackPlan plan;
            if (target.Kind == RollbackTargetKind.Checkpoint)
            {
                var checkpoint = await checkpoints.RequireStore().GetAsync(target.CheckpointId!, cancellationToken).ConfigureAwait(false);
                plan = RollbackPlanner.PlanRestore(target, fromVersion, applied, checkpoint);
            }
            else
            {
                var targetVersion = TargetVersion(target, applied, fromVersion);
                var steps = new List<RollbackStep>();
                foreach (var version in applied.Where(v => v > targetVersion).OrderDescending())
                {
                    steps.Add(await WithValuesHeldAsync(session, RollbackStepOf(version), cancellationToken).ConfigureAwait(false));
                }

                var available = !checkpoints.IsConfigured || steps.Count == 0 ? [] : await checkpoints.ListOwnAsync(cancellationToken).ConfigureAwait(false);
                plan = RollbackPlanner.Plan(target, fromVersion, targetVersion, steps, available, planner.Catalog.Migrations.Select(m => m.Version).ToArray(), time.GetUtcNow());
            }

            Log.RollbackPlanned(logger, target.ToString(), provider.DisplayName, plan.Method.ToString(), plan.Reason);
            return plan;
        }, cancellationToken);
    }

    public async Task<RollbackResult> RollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default)
    {
        var plan = await PlanRollbackAsync(target, cancellationToken).ConfigureAwait(false);
        var started = time.GetTimestamp();
        RollbackResult result;
        if (plan.Method == RollbackMethod.Logical)
        {
            var down = plan.Reverted.Count == 0 ? null : await RunAsync(MigrationTarget.DownTo(plan.TargetVersion), cancellationToken).ConfigureAwait(false);
            result = new RollbackResult(plan, down?.ToVersion ?? plan.FromVersion, time.GetElapsedTime(started)) { Down = down };
        }
        else
        {
            var restore = await checkpoints.RestoreAsync(plan.Checkpoint!, cancellationToken).ConfigureAwait(false);
            var up = plan.Reapplied.Count == 0 ? null : await RunAsync(MigrationTarget.Up(plan.TargetVersion), cancellationToken).ConfigureAwait(false);
            result = new RollbackResult(plan, up?.ToVersion ?? restore.Version, time.GetElapsedTime(started)) { Restore = restore, Up = up };
        }

        Log.RollbackCompleted(logger, provider.DisplayName, plan.Method.ToString(), (long)result.Duration.TotalMilliseconds, result.Version);
        return result;
    }

    private Task<MigrationResult> RunAsync(MigrationTarget target, CancellationToken cancellationToken)
    {
        planner.ValidateTarget(target);
        return checkpoints.RunAsync(target, cancellationToken);
    }

    private long TargetVersion(RollbackTarget target, long[] applied, long fromVersion)
    {
        if (target.Kind == RollbackTargetKind.Steps)
        {
            if (applied.Length < target.Value)
            {
                throw new MigrationTargetException(target.Value, string.Create(CultureInfo.InvariantCulture, $"Cannot roll back {target.Value} step(s) on {provider.DisplayName}: only {applied.Length} migration(s) are applied. Ask for at most {applied.Length}, or roll back to version 0."));
            }

            var index = applied.Length - 1 - (int)target.Value;
            return index < 0 ? 0 : applied[index];
        }

        var version = target.Value;
        if (version > fromVersion)
        {
            throw new MigrationTargetException(version, string.Create(CultureInfo.InvariantCulture, $"Cannot roll back {provider.DisplayName} to version {version}: it is at version {fromVersion}, below that. A rollback only goes back; use MigrateUpAsync({version}) to go forward."));
        }

        if (version != 0 && Array.IndexOf(applied, version) < 0 && planner.Catalog.Find(version) is null)
        {
            throw new MigrationTargetException(version, $"Cannot roll back {provider.DisplayName} to version {version}: it is neither 0 (nothing applied) nor a version applied or in the code. Known versions: {planner.KnownVersions()}.");
        }

        return version;
    }

    /// <summary>
    /// Counts, live, what each drop of a column or table in the step's Down would destroy: the column's non-null values,
    /// the table's rows. A count that cannot be read (the object is not there as the Down expects) stays unknown.
    /// </summary>
    private async Task<RollbackStep> WithValuesHeldAsync(MigrationSession session, RollbackStep step, CancellationToken cancellationToken)
    {
        if (step.Down is null)
        {
            return step;
        }

        var generator = provider.SqlGenerator;
        var held = new Dictionary<MigrationOperation, long>();
        foreach (var operation in step.Down)
        {
            var sql = operation switch
            {
                DropColumnOperation drop => $"SELECT COUNT(*) FROM {generator.Quote(drop.Table)} WHERE {generator.QuoteIdentifier(drop.Column)} IS NOT NULL",
                DropTableOperation drop => $"SELECT COUNT(*) FROM {generator.Quote(drop.Table)}",
                _ => null,
            };
            if (sql is null)
            {
                continue;
            }

            try
            {
                var command = session.CreateCommand(sql);
                await using (command.ConfigureAwait(false))
                {
                    held[operation] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                }
            }
            catch (DbException) when (!cancellationToken.IsCancellationRequested)
            {
                // Unknown, so judged as destroying data.
            }
        }

        return step with { ValuesHeld = held };
    }

    private RollbackStep RollbackStepOf(long version)
    {
        if (planner.Catalog.Find(version) is not { } migration)
        {
            return new RollbackStep(version, "(not in the code)", null, "it is applied but missing from the code, so it has no Down");
        }

        IReadOnlyList<MigrationOperation> up;
        try
        {
            up = planner.Catalog.GetUp(migration);
        }
        catch (Exception e) when (e is IrreversibleMigrationException or InvalidMigrationException)
        {
            up = [];
        }

        try
        {
            return new RollbackStep(version, migration.Description, planner.Catalog.GetDown(migration), null) { Up = up };
        }
        catch (Exception e) when (e is IrreversibleMigrationException or InvalidMigrationException)
        {
            return new RollbackStep(version, migration.Description, null, e.Message);
        }
    }
}
