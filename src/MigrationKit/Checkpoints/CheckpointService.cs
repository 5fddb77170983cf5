using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using MigrationKit.Diagnostics;
using MigrationKit.Execution;
using MigrationKit.History;
using MigrationKit.Planning;
using MigrationKit.Providers;
using MigrationKit.Risk;

namespace MigrationKit.Checkpoints;

/// <summary>
/// Checkpoints of one target, as a service over the executor: taking them (on demand, or before a risky run as the
/// policy says), restoring them, pruning them, and the recovery of a run up that failed outside a transaction.
/// </summary>
internal sealed class CheckpointService
{
    private readonly Lock _gate = new();
    private readonly MigrationProvider _provider;
    private readonly MigrationKitOptions _options;
    private readonly MigrationExecutor _executor;
    private readonly MigrationNotifier _notifier;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly RiskAssessor _risk;
    private CheckpointStore? _store;
    private IDatabaseBackup? _backup;

    public CheckpointService(MigrationProvider provider, MigrationKitOptions options, MigrationExecutor executor, MigrationNotifier notifier, ILogger logger, TimeProvider time, RiskAssessor risk)
    {
        _risk = risk;
        _provider = provider;
        _options = options;
        _executor = executor;
        _notifier = notifier;
        _logger = logger;
        _time = time;
    }

    /// <summary>Whether a checkpoint directory is configured.</summary>
    public bool IsConfigured => _options.Checkpoints.Directory is not null;

    /// <summary>
    /// Plans and executes a run through the executor, taking the policy's checkpoint under the run's lock before the
    /// first step; when a step up fails outside a transaction, says what ran, names the checkpoint, and restores it
    /// when asked to (after the run's session closed, so the restore can replace the database).
    /// </summary>
    public Task<MigrationResult> RunAsync(MigrationTarget target, CancellationToken cancellationToken) =>
        RunAsync(target, planned: null, approve: null, cancellationToken);

    /// <summary>
    /// Runs as <see cref="RunAsync(MigrationTarget, CancellationToken)"/> does, carrying out a reviewed plan: refused as
    /// stale when the history moved on since <paramref name="planned"/> was made; with <paramref name="approve"/>, each
    /// step offered for approval first (which also counts as the approval <see cref="RiskOptions.RequireApprovalAbove"/> asks for).
    /// </summary>
    public async Task<MigrationResult> RunAsync(MigrationTarget target, MigrationPlanReport? planned, Func<PlanStepReport, CancellationToken, ValueTask<bool>>? approve, CancellationToken cancellationToken)
    {
        var state = new RunState();
        var hooks = new RunHooks
        {
            BeforeSteps = (session, history, plan, token) => BeforeRunAsync(session, history, plan, planned, approved: approve is not null, token),
            SafeCheckpoint = SafeCheckpointBelowAsync,
            CheckPlan = planned is null ? null : (plan, applied) => ThrowIfStale(planned, plan, applied),
            ApproveStep = approve is null || planned is null ? null : (step, token) => approve(planned.Steps.First(s => s.Version == step.Version), token),
        };
        try
        {
            return await _executor.RunAsync(target, state, hooks, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationFailedException failure) when (FailureRecovery.Applies(target.Direction, failure))
        {
            throw await RecoverAsync(failure, state, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The checkpoint store, or a clear error naming what to configure.</summary>
    /// <exception cref="InvalidOperationException">No checkpoint directory is configured.</exception>
    /// <exception cref="CheckpointException">The provider cannot take checkpoints.</exception>
    public CheckpointStore RequireStore()
    {
        if (string.IsNullOrWhiteSpace(_options.Checkpoints.Directory))
        {
            throw new InvalidOperationException($"Checkpoints of {_provider.DisplayName} need a directory: set MigrationKitOptions.Checkpoints.Directory to the folder that keeps the backup files.");
        }

        lock (_gate)
        {
            if (_store is null)
            {
                _backup ??= _provider.CreateBackup(_options.History)
                    ?? throw new CheckpointException($"The {_provider.Name} provider of {_provider.DisplayName} cannot take checkpoints (an in-memory database, or a provider without backups). Use a database file or a server, or set Checkpoints.Policy to Never for this target.");
                _store = new CheckpointStore(_options.Checkpoints.Directory, _backup, _provider.Name, _options.Checkpoints, _time);
            }

            return _store;
        }
    }

    /// <summary>Takes a checkpoint now, under the lock, at the current version.</summary>
    public Task<Checkpoint> CreateAsync(CheckpointKind kind, CheckpointLevel? level, string? description, CancellationToken cancellationToken)
    {
        var store = RequireStore();
        return _executor.WithSessionAsync(lockDatabase: true, async (session, history) =>
        {
            var version = await MigrationExecutor.CurrentVersionAsync(history, cancellationToken).ConfigureAwait(false);
            return await CreateAsync(store, session, history, version, kind, level ?? _options.Checkpoints.Level, description, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>The checkpoints of this provider in the directory.</summary>
    public async Task<IReadOnlyList<Checkpoint>> ListOwnAsync(CancellationToken cancellationToken) =>
        (await RequireStore().ListAsync(cancellationToken).ConfigureAwait(false)).Where(c => c.Provider == _provider.Name).ToArray();

    /// <summary>Deletes the checkpoints past their retention.</summary>
    public async Task<IReadOnlyList<Checkpoint>> PruneAsync(CancellationToken cancellationToken)
    {
        var pruned = await RequireStore().PruneAsync(cancellationToken).ConfigureAwait(false);
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
    public async Task<CheckpointRestoreResult> RestoreAsync(Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var store = RequireStore();
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
        var (journalBefore, runsBefore) = await _executor.WithSessionAsync(lockDatabase: false, async (_, history) =>
            await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
                ? (await history.GetJournalAsync(cancellationToken).ConfigureAwait(false), await history.GetRunsAsync(since: null, cancellationToken).ConfigureAwait(false))
                : ([], []), cancellationToken).ConfigureAwait(false);

        // No session of this runner is open while the provider swaps the database.
        await store.Backup.RestoreAsync(store.FilePath(checkpoint), checkpoint.Level, cancellationToken).ConfigureAwait(false);

        var result = await _executor.WithSessionAsync(lockDatabase: true, async (session, history) =>
        {
            await _executor.EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            var restored = await history.GetJournalAsync(cancellationToken).ConfigureAwait(false);
            var lastRestoredId = restored.Count == 0 ? 0 : restored.Max(e => e.Id);
            var kept = journalBefore.Where(e => e.Id > lastRestoredId).ToArray();
            var runId = Guid.NewGuid();
            foreach (var entry in kept)
            {
                await history.AppendJournalAsync(entry with { Id = 0 }, CancellationToken.None).ConfigureAwait(false);
            }

            // The run records are kept as they were before the restore, oldest first: those written after the checkpoint
            // again, and the end of one that was under way when it was taken (the run that failed and is being undone).
            var restoredRuns = (await history.GetRunsAsync(since: null, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.RunId);
            foreach (var run in runsBefore.Reverse())
            {
                var known = restoredRuns.GetValueOrDefault(run.RunId);
                if (known is null)
                {
                    await history.StartRunAsync(run, CancellationToken.None).ConfigureAwait(false);
                }

                if (run.FinishedAt is not null && known?.FinishedAt is null)
                {
                    await history.FinishRunAsync(run, CancellationToken.None).ConfigureAwait(false);
                }
            }

            // Steps left part way after the checkpoint are undone by the restore: record that, so they are not incomplete.
            foreach (var undone in kept.Where(e => e.Version is not null).GroupBy(e => e.Version!.Value).Where(g => g.Last().Status is JournalStatus.Incomplete or JournalStatus.Started))
            {
                await history.AppendJournalAsync(_executor.Journal(runId, undone.Key, JournalAction.Restore, JournalStatus.Succeeded) with { Error = $"step undone by restoring checkpoint {checkpoint.Id}" }, CancellationToken.None).ConfigureAwait(false);
            }

            var elapsed = _time.GetElapsedTime(started);
            await history.AppendJournalAsync(_executor.Journal(runId, null, JournalAction.Restore, JournalStatus.Succeeded) with
            {
                Duration = elapsed,
                Error = string.Create(CultureInfo.InvariantCulture, $"restored checkpoint {checkpoint.Id} (version {checkpoint.Version}, {checkpoint.Level}, {checkpoint.FileName}, {checkpoint.SizeBytes} bytes)"),
            }, CancellationToken.None).ConfigureAwait(false);

            var status = await _executor.ReadStatusAsync(session, history, cancellationToken).ConfigureAwait(false);
            var schema = await _executor.ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
            var version = await MigrationExecutor.CurrentVersionAsync(history, cancellationToken).ConfigureAwait(false);
            return new CheckpointRestoreResult(checkpoint, _time.GetElapsedTime(started), version, status, schema.Tables.Count, kept.Length);
        }, cancellationToken).ConfigureAwait(false);

        MigrationKitTelemetry.CheckpointsRestored.Add(1, _notifier.DbSystem);
        MigrationKitTelemetry.RestoreDuration.Record(result.Duration.TotalSeconds, _notifier.DbSystem);
        Log.CheckpointRestored(_logger, checkpoint.Id, _provider.DisplayName, (long)result.Duration.TotalMilliseconds, result.Version, result.TableCount, result.JournalEntriesKept);
        _notifier.Notify(o => o.OnRestoreCompleted(result), nameof(IMigrationObserver.OnRestoreCompleted));
        return result;
    }

    /// <summary>
    /// Before the first step, under the run's lock: refuses a plan rated above <see cref="RiskOptions.RequireApprovalAbove"/>
    /// that nobody approved, then takes the routine checkpoint when the policy asks for one (for
    /// <see cref="CheckpointPolicy.BeforeHighRisk"/>, when the plan graded on the live database is High or worse).
    /// </summary>
    private async Task<Checkpoint?> BeforeRunAsync(MigrationSession session, IMigrationHistory history, MigrationPlan plan, MigrationPlanReport? planned, bool approved, CancellationToken cancellationToken)
    {
        var byRisk = _options.Checkpoints.CustomPolicy is null && _options.Checkpoints.Policy == CheckpointPolicy.BeforeHighRisk;
        var report = planned;
        if (report is null && (byRisk || (_options.Risk.RequireApprovalAbove is not null && !approved)))
        {
            report = await _risk.AssessAsync(session, history, plan, string.Empty, cancellationToken).ConfigureAwait(false);
        }

        if (!approved && _options.Risk.RequireApprovalAbove is { } allowed && report!.Level > allowed)
        {
            throw new RiskApprovalRequiredException(report.Level, allowed, report.Findings.Where(f => f.Level > allowed).ToArray());
        }

        var reason = byRisk
            ? report!.Level >= RiskLevel.High ? $"the plan is rated {report.Level} ({report.Findings.OrderByDescending(f => f.Level).First()})" : null
            : await CheckpointDecision.ReasonAsync(_options.Checkpoints, plan, cancellationToken).ConfigureAwait(false);
        if (reason is null)
        {
            return null;
        }

        Log.CheckpointBeforeRun(_logger, _provider.DisplayName, reason);
        var target = plan.Steps[^1].Version.ToString(CultureInfo.InvariantCulture);
        var verb = plan.Direction == MigrationDirection.Up ? "migrating to" : "reverting";
        return await CreateAsync(RequireStore(), session, history, plan.FromVersion, CheckpointKind.Routine, _options.Checkpoints.Level, $"before {verb} {target}: {reason}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Throws when the history moved on since <paramref name="planned"/> was made, or the run would take other steps.</summary>
    private static void ThrowIfStale(MigrationPlanReport planned, MigrationPlan plan, IReadOnlyList<AppliedMigration> applied)
    {
        var current = applied.Count == 0 ? 0 : applied.Max(a => a.Version);
        if (!string.Equals(RiskAssessor.Fingerprint(applied), planned.HistoryFingerprint, StringComparison.Ordinal))
        {
            throw new StalePlanException(planned.FromVersion, current, "the migration history changed since the plan was made");
        }

        if (!plan.Steps.Select(s => (s.Version, s.Direction)).SequenceEqual(planned.Steps.Select(s => (s.Version, s.Direction))))
        {
            throw new StalePlanException(planned.FromVersion, current, $"the run would now take steps [{string.Join(", ", plan.Steps.Select(s => s.Version))}] instead of the planned [{string.Join(", ", planned.Steps.Select(s => s.Version))}]");
        }
    }

    /// <summary>The newest checkpoint taken below the incomplete versions, named by the incomplete-migration error.</summary>
    private async Task<Checkpoint?> SafeCheckpointBelowAsync(IReadOnlyList<long> incomplete, CancellationToken cancellationToken)
    {
        if (_options.Checkpoints.Directory is null || _provider.CreateBackup(_options.History) is null)
        {
            return null;
        }

        var below = incomplete.Min();
        return (await ListOwnAsync(cancellationToken).ConfigureAwait(false))
            .Where(c => c.Version < below)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefault();
    }

    private async Task<Checkpoint> CreateAsync(CheckpointStore store, MigrationSession session, IMigrationHistory history, long version, CheckpointKind kind, CheckpointLevel level, string? description, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var checkpoint = await store.CreateAsync(version, level, kind, description, cancellationToken).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        await _executor.EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
        await history.AppendJournalAsync(_executor.Journal(Guid.NewGuid(), null, JournalAction.Checkpoint, JournalStatus.Succeeded) with
        {
            Duration = elapsed,
            Error = string.Create(CultureInfo.InvariantCulture, $"checkpoint {checkpoint.Id} at version {version} ({kind}, {level}): {checkpoint.FileName}, {checkpoint.SizeBytes} bytes"),
        }, cancellationToken).ConfigureAwait(false);
        var kindTag = new KeyValuePair<string, object?>("migrationkit.checkpoint.kind", kind.ToString());
        MigrationKitTelemetry.CheckpointsCreated.Add(1, kindTag, _notifier.DbSystem);
        MigrationKitTelemetry.CheckpointSize.Record(checkpoint.SizeBytes, kindTag, _notifier.DbSystem);
        MigrationKitTelemetry.CheckpointDuration.Record(elapsed.TotalSeconds, kindTag, _notifier.DbSystem);
        Log.CheckpointCreated(_logger, checkpoint.Id, _provider.DisplayName, version, kind.ToString(), level.ToString(), store.FilePath(checkpoint), checkpoint.SizeBytes, (long)elapsed.TotalMilliseconds);
        _notifier.Notify(o => o.OnCheckpointCreated(checkpoint, elapsed), nameof(IMigrationObserver.OnCheckpointCreated));
        if (_options.Checkpoints.PruneAfterCreate)
        {
            await PruneAsync(cancellationToken).ConfigureAwait(false);
        }

        return checkpoint;
    }

    /// <summary>A run up failed outside a transaction: say what ran, name the checkpoint, and restore it when asked to.</summary>
    private async Task<MigrationFailedException> RecoverAsync(MigrationFailedException failure, RunState state, CancellationToken cancellationToken)
    {
        var (appliedInRun, notRun) = FailureRecovery.Split(state.Plan, failure.Version);
        var checkpoint = state.Checkpoint;
        CheckpointRestoreResult? restore = null;
        Exception? restoreError = null;
        if (FailureRecovery.ShouldRestore(checkpoint, _options.Checkpoints))
        {
            Log.RestoreOnFailure(_logger, failure.Version, checkpoint!.Id);
            try
            {
                restore = await RestoreAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MigrationKitException or DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                Log.RestoreOnFailureFailed(_logger, e, checkpoint.Id, failure.Version);
                restoreError = e;
            }
        }

        return new MigrationFailedException(failure, appliedInRun, notRun, checkpoint, restore, restoreError);
    }
}
