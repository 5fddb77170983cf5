using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Checkpoints;
using MigrationKit.Diagnostics;
using MigrationKit.History;
using MigrationKit.Providers;
using MigrationKit.Rollback;

namespace MigrationKit;

/// <summary>
/// The runner's checkpoints, restores, rollback choice and observers, kept apart from the run logic in
/// <c>MigrationRunner.cs</c>: a checkpoint before a risky run, the recovery when a migration fails outside a
/// transaction, and what <see cref="RollbackManager"/> calls.
/// </summary>
internal sealed partial class MigrationRunner
{
    private readonly Lock _checkpointGate = new();
    private IServiceProvider? _services;
    private CheckpointStore? _checkpointStore;
    private IDatabaseBackup? _backup;
    private IMigrationObserver[]? _observers;
    private RollbackManager? _rollbackManager;

    public IRollbackManager RollbackManager => _rollbackManager ??= new RollbackManager(this);

    private IMigrationObserver[] Observers =>
        _observers ??= [.. _options.Observers, .. _services?.GetServices<IMigrationObserver>() ?? []];

    /// <summary>The checkpoint store, or a clear error naming what to configure.</summary>
    internal CheckpointStore RequireCheckpointStore()
    {
        if (string.IsNullOrWhiteSpace(_options.Checkpoints.Directory))
        {
            throw new InvalidOperationException($"Checkpoints of {_provider.DisplayName} need a directory: set MigrationKitOptions.Checkpoints.Directory to the folder that keeps the backup files.");
        }

        lock (_checkpointGate)
        {
            if (_checkpointStore is null)
            {
                _backup ??= _provider.CreateBackup(_options.History)
                    ?? throw new CheckpointException($"The {_provider.Name} provider of {_provider.DisplayName} cannot take checkpoints (an in-memory database, or a provider without backups). Use a database file or a server, or set Checkpoints.Policy to Never for this target.");
                _checkpointStore = new CheckpointStore(_options.Checkpoints.Directory, _backup, _provider.Name, _options.Checkpoints, _time);
            }

            return _checkpointStore;
        }
    }

    internal Task<Checkpoint> CreateCheckpointAsync(CheckpointKind kind, CheckpointLevel? level, string? description, CancellationToken cancellationToken)
    {
        var store = RequireCheckpointStore();
        return WithSessionAsync(lockDatabase: true, async (session, history) =>
        {
            var version = await CurrentVersionAsync(history, cancellationToken).ConfigureAwait(false);
            return await CreateCheckpointAsync(store, session, history, version, kind, level ?? _options.Checkpoints.Level, description, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    internal async Task<IReadOnlyList<Checkpoint>> PruneCheckpointsAsync(CancellationToken cancellationToken)
    {
        var pruned = await RequireCheckpointStore().PruneAsync(cancellationToken).ConfigureAwait(false);
        foreach (var checkpoint in pruned)
        {
            Log.CheckpointPruned(_logger, checkpoint.Id, checkpoint.Kind.ToString(), checkpoint.CreatedAt);
        }

        return pruned;
    }

    /// <summary>
    /// Verifies, restores, keeps the journal entries written after the checkpoint, and reads the database back. The
    /// journal is read before the restore: the restore brings back the journal as it was when the checkpoint was taken.
    /// </summary>
    internal async Task<CheckpointRestoreResult> RestoreCheckpointAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var store = RequireCheckpointStore();
        var started = _time.GetTimestamp();
        try
        {
            await store.VerifyAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckpointException e)
        {
            Log.CheckpointRefused(_logger, e, checkpoint.Id);
            throw;
        }

        Log.CheckpointRestoring(_logger, checkpoint.Id, checkpoint.Version, _provider.DisplayName);
        var journalBefore = await GetJournalAsync(cancellationToken).ConfigureAwait(false);

        // No session of this runner is open while the provider swaps the database.
        await store.Backup.RestoreAsync(store.FilePath(checkpoint), checkpoint.Level, cancellationToken).ConfigureAwait(false);

        var result = await WithSessionAsync(lockDatabase: true, async (session, history) =>
        {
            await EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            var restored = await history.GetJournalAsync(cancellationToken).ConfigureAwait(false);
            var lastRestoredId = restored.Count == 0 ? 0 : restored.Max(e => e.Id);
            var kept = journalBefore.Where(e => e.Id > lastRestoredId).ToArray();
            var runId = Guid.NewGuid();
            foreach (var entry in kept)
            {
                await history.AppendJournalAsync(entry with { Id = 0 }, CancellationToken.None).ConfigureAwait(false);
            }

            // Steps left part way after the checkpoint are undone by the restore: record that, so they are not incomplete.
            foreach (var undone in kept.Where(e => e.Version is not null).GroupBy(e => e.Version!.Value).Where(g => g.Last().Status is JournalStatus.Incomplete or JournalStatus.Started))
            {
                await history.AppendJournalAsync(Journal(runId, undone.Key, JournalAction.Restore, JournalStatus.Succeeded) with { Error = $"step undone by restoring checkpoint {checkpoint.Id}" }, CancellationToken.None).ConfigureAwait(false);
            }

            var elapsed = _time.GetElapsedTime(started);
            await history.AppendJournalAsync(Journal(runId, null, JournalAction.Restore, JournalStatus.Succeeded) with
            {
                Duration = elapsed,
                Error = string.Create(CultureInfo.InvariantCulture, $"restored checkpoint {checkpoint.Id} (version {checkpoint.Version}, {checkpoint.Level}, {checkpoint.FileName}, {checkpoint.SizeBytes} bytes)"),
            }, CancellationToken.None).ConfigureAwait(false);

            var status = await ReadStatusAsync(history, cancellationToken).ConfigureAwait(false);
            var schema = await ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
            var version = await CurrentVersionAsync(history, cancellationToken).ConfigureAwait(false);
            return new CheckpointRestoreResult(checkpoint, _time.GetElapsedTime(started), version, status, schema.Tables.Count, kept.Length);
        }, cancellationToken).ConfigureAwait(false);

        MigrationKitTelemetry.CheckpointsRestored.Add(1);
        MigrationKitTelemetry.RestoreDuration.Record(result.Duration.TotalMilliseconds);
        Log.CheckpointRestored(_logger, checkpoint.Id, _provider.DisplayName, (long)result.Duration.TotalMilliseconds, result.Version, result.TableCount, result.JournalEntriesKept);
        Notify(o => o.OnRestoreCompleted(result), nameof(IMigrationObserver.OnRestoreCompleted));
        return result;
    }

    internal Task<RollbackPlan> PlanRollbackAsync(RollbackTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return WithSessionAsync(lockDatabase: false, async (session, history) =>
        {
            var applied = await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
                ? (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).Order().ToArray()
                : [];
            var fromVersion = applied.Length == 0 ? 0 : applied[^1];
            RollbackPlan plan;
            if (target.Kind == RollbackTargetKind.Checkpoint)
            {
                var checkpoint = await RequireCheckpointStore().GetAsync(target.CheckpointId!, cancellationToken).ConfigureAwait(false);
                plan = RollbackPlanner.PlanRestore(target, fromVersion, applied, checkpoint);
            }
            else
            {
                var targetVersion = TargetVersion(target, applied, fromVersion);
                var steps = applied.Where(v => v > targetVersion).OrderDescending().Select(RollbackStepOf).ToArray();
                var checkpoints = _options.Checkpoints.Directory is null || steps.Length == 0
                    ? []
                    : (await RequireCheckpointStore().ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Provider == _provider.Name).ToArray();
                plan = RollbackPlanner.Plan(target, fromVersion, targetVersion, steps, checkpoints, _catalog.Migrations.Select(m => m.Version).ToArray(), _time.GetUtcNow());
            }

            Log.RollbackPlanned(_logger, target.ToString(), _provider.DisplayName, plan.Method.ToString(), plan.Reason);
            return plan;
        }, cancellationToken);
    }

    internal async Task<RollbackResult> RollbackAsync(RollbackTarget target, CancellationToken cancellationToken)
    {
        var plan = await PlanRollbackAsync(target, cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        RollbackResult result;
        if (plan.Method == RollbackMethod.Logical)
        {
            var down = plan.Reverted.Count == 0 ? null : await MigrateDownAsync(plan.TargetVersion, cancellationToken).ConfigureAwait(false);
            result = new RollbackResult(plan, down?.ToVersion ?? plan.FromVersion, _time.GetElapsedTime(started)) { Down = down };
        }
        else
        {
            var restore = await RestoreCheckpointAsync(plan.Checkpoint!, cancellationToken).ConfigureAwait(false);
            var up = plan.Reapplied.Count == 0 ? null : await MigrateUpAsync(plan.TargetVersion, cancellationToken).ConfigureAwait(false);
            result = new RollbackResult(plan, up?.ToVersion ?? restore.Version, _time.GetElapsedTime(started)) { Restore = restore, Up = up };
        }

        Log.RollbackCompleted(_logger, _provider.DisplayName, plan.Method.ToString(), (long)result.Duration.TotalMilliseconds, result.Version);
        return result;
    }

    /// <summary>Runs migrations; when a run up fails outside a transaction, reports what ran and the checkpoint, and restores it when asked to.</summary>
    private async Task<MigrationResult> RunAsync(MigrationDirection direction, string target, Func<IReadOnlyList<AppliedMigration>, IReadOnlyList<MigrationDescriptor>> selectSteps, CancellationToken cancellationToken, long? upTo = null)
    {
        var state = new RunState();
        try
        {
            return await RunStepsAsync(direction, target, selectSteps, state, cancellationToken, upTo).ConfigureAwait(false);
        }
        catch (MigrationFailedException failure) when (direction == MigrationDirection.Up && !failure.Transactional)
        {
            // Here the run's session is closed, so a restore can replace the database.
            throw await RecoverAsync(failure, state.Planned, state.Checkpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Takes the routine checkpoint before a run up when the policy asks for one; null otherwise.</summary>
    private async Task<Checkpoint?> CheckpointBeforeRunAsync(MigrationSession session, IMigrationHistory history, MigrationDirection direction, IReadOnlyList<MigrationDescriptor> steps, long fromVersion, CancellationToken cancellationToken)
    {
        var options = _options.Checkpoints;
        if (direction != MigrationDirection.Up || (options.CustomPolicy is null && options.Policy == CheckpointPolicy.Never))
        {
            return null;
        }

        var pending = steps.Select(m => m.Info with { Destructive = m.Info.Destructive || _catalog.GetUp(m).Any(o => o.IsDestructive) }).ToArray();
        string? reason;
        if (options.CustomPolicy is { } custom)
        {
            reason = await custom.ShouldCheckpointAsync(pending, cancellationToken).ConfigureAwait(false) ? $"the custom policy {custom.GetType().Name} asked for one" : null;
        }
        else if (options.Policy == CheckpointPolicy.Always)
        {
            reason = "the policy is Always";
        }
        else
        {
            var risky = pending
                .Where(m => m.Transaction == MigrationTransactionMode.None || m.Destructive)
                .Select(m => string.Create(CultureInfo.InvariantCulture, $"migration {m.Version} '{m.Description}' {(m.Transaction == MigrationTransactionMode.None ? "runs without a transaction" : "is destructive")}"))
                .ToArray();
            reason = risky.Length == 0 ? null : string.Join("; ", risky);
        }

        if (reason is null)
        {
            return null;
        }

        Log.CheckpointBeforeRun(_logger, _provider.DisplayName, reason);
        var target = steps[^1].Version.ToString(CultureInfo.InvariantCulture);
        return await CreateCheckpointAsync(RequireCheckpointStore(), session, history, fromVersion, CheckpointKind.Routine, options.Level, $"before migrating to {target}: {reason}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<Checkpoint> CreateCheckpointAsync(CheckpointStore store, MigrationSession session, IMigrationHistory history, long version, CheckpointKind kind, CheckpointLevel level, string? description, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var checkpoint = await store.CreateAsync(version, level, kind, description, cancellationToken).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        await EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
        await history.AppendJournalAsync(Journal(Guid.NewGuid(), null, JournalAction.Checkpoint, JournalStatus.Succeeded) with
        {
            Duration = elapsed,
            Error = string.Create(CultureInfo.InvariantCulture, $"checkpoint {checkpoint.Id} at version {version} ({kind}, {level}): {checkpoint.FileName}, {checkpoint.SizeBytes} bytes"),
        }, cancellationToken).ConfigureAwait(false);
        var kindTag = new KeyValuePair<string, object?>("migrationkit.checkpoint.kind", kind.ToString());
        MigrationKitTelemetry.CheckpointsCreated.Add(1, kindTag);
        MigrationKitTelemetry.CheckpointSize.Record(checkpoint.SizeBytes, kindTag);
        MigrationKitTelemetry.CheckpointDuration.Record(elapsed.TotalMilliseconds, kindTag);
        Log.CheckpointCreated(_logger, checkpoint.Id, _provider.DisplayName, version, kind.ToString(), level.ToString(), store.FilePath(checkpoint), checkpoint.SizeBytes, (long)elapsed.TotalMilliseconds);
        Notify(o => o.OnCheckpointCreated(checkpoint, elapsed), nameof(IMigrationObserver.OnCheckpointCreated));
        if (_options.Checkpoints.PruneAfterCreate)
        {
            await PruneCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        }

        return checkpoint;
    }

    /// <summary>A run up failed outside a transaction: say what ran, name the checkpoint, and restore it when asked to.</summary>
    private async Task<MigrationFailedException> RecoverAsync(MigrationFailedException failure, IReadOnlyList<MigrationDescriptor> planned, Checkpoint? checkpoint, CancellationToken cancellationToken)
    {
        var appliedInRun = planned.TakeWhile(m => m.Version != failure.Version).Select(m => m.Version).ToArray();
        var notRun = planned.SkipWhile(m => m.Version != failure.Version).Skip(1).Select(m => m.Version).ToArray();
        CheckpointRestoreResult? restore = null;
        Exception? restoreError = null;
        if (checkpoint is not null && _options.Checkpoints.RestoreOnFailure)
        {
            Log.RestoreOnFailure(_logger, failure.Version, checkpoint.Id);
            try
            {
                restore = await RestoreCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MigrationKitException or DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Log.RestoreOnFailureFailed(_logger, e, checkpoint.Id, failure.Version);
                restoreError = e;
            }
        }

        return new MigrationFailedException(failure, appliedInRun, notRun, checkpoint, restore, restoreError);
    }

    /// <summary>The incomplete-migration error, naming the newest checkpoint taken below the incomplete versions.</summary>
    private async Task<IncompleteMigrationException> IncompleteAsync(IReadOnlyList<long> incomplete, IReadOnlyList<string> invalidObjects, CancellationToken cancellationToken)
    {
        Checkpoint? safe = null;
        if (_options.Checkpoints.Directory is not null && _provider.CreateBackup(_options.History) is not null)
        {
            var below = incomplete.Min();
            safe = (await RequireCheckpointStore().ListAsync(cancellationToken).ConfigureAwait(false))
                .Where(c => c.Provider == _provider.Name && c.Version < below)
                .OrderByDescending(c => c.CreatedAt)
                .FirstOrDefault();
        }

        return new IncompleteMigrationException(incomplete, invalidObjects, safe);
    }

    private long TargetVersion(RollbackTarget target, long[] applied, long fromVersion)
    {
        if (target.Kind == RollbackTargetKind.Steps)
        {
            if (applied.Length < target.Value)
            {
                throw new MigrationTargetException(target.Value, string.Create(CultureInfo.InvariantCulture, $"Cannot roll back {target.Value} step(s) on {_provider.DisplayName}: only {applied.Length} migration(s) are applied. Ask for at most {applied.Length}, or roll back to version 0."));
            }

            var index = applied.Length - 1 - (int)target.Value;
            return index < 0 ? 0 : applied[index];
        }

        var version = target.Value;
        if (version > fromVersion)
        {
            throw new MigrationTargetException(version, string.Create(CultureInfo.InvariantCulture, $"Cannot roll back {_provider.DisplayName} to version {version}: it is at version {fromVersion}, below that. A rollback only goes back; use MigrateUpAsync({version}) to go forward."));
        }

        if (version != 0 && Array.IndexOf(applied, version) < 0 && _catalog.Find(version) is null)
        {
            throw new MigrationTargetException(version, $"Cannot roll back {_provider.DisplayName} to version {version}: it is neither 0 (nothing applied) nor a version applied or in the code. Known versions: {KnownVersions()}.");
        }

        return version;
    }

    private RollbackStep RollbackStepOf(long version)
    {
        if (_catalog.Find(version) is not { } migration)
        {
            return new RollbackStep(version, "(not in the code)", null, "it is applied but missing from the code, so it has no Down");
        }

        try
        {
            return new RollbackStep(version, migration.Description, _catalog.GetDown(migration), null);
        }
        catch (Exception e) when (e is IrreversibleMigrationException or InvalidMigrationException)
        {
            return new RollbackStep(version, migration.Description, null, e.Message);
        }
    }

    private static async Task<long> CurrentVersionAsync(IMigrationHistory history, CancellationToken cancellationToken) =>
        await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).DefaultIfEmpty(0).Max()
            : 0;

    private void NotifyStep(MigrationStepResult result)
    {
        if (result.Direction == MigrationDirection.Up)
        {
            Notify(o => o.OnMigrationApplied(result), nameof(IMigrationObserver.OnMigrationApplied));
        }
        else
        {
            Notify(o => o.OnMigrationReverted(result), nameof(IMigrationObserver.OnMigrationReverted));
        }
    }

    private void Notify(Action<IMigrationObserver> callback, string name)
    {
        foreach (var observer in Observers)
        {
            try
            {
                callback(observer);
            }
#pragma warning disable CA1031 // An observer's bug must not fail a migration run that already committed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ObserverFailed(_logger, e, observer.GetType().Name, name);
            }
        }
    }

    /// <summary>What a run decided before it failed: the steps it planned and the checkpoint it took.</summary>
    private sealed class RunState
    {
        public IReadOnlyList<MigrationDescriptor> Planned { get; set; } = [];

        public Checkpoint? Checkpoint { get; set; }
    }
}
