using System.Data.Common;
using Microsoft.Extensions.Logging;
using MigrationKit.Diagnostics;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;
using MigrationKit.Providers;
using MigrationKit.Runs;
using MigrationKit.SqlFiles;

namespace MigrationKit.Execution;

/// <summary>
/// Carries out plans, and alone owns what that takes: the session, the provider's lock, transactions, the journal,
/// lock-timeout retries and the commit-time checks. Every run opens a session, takes the lock, (re)reads the history
/// and only then asks the planner what to do; each migration's transaction re-checks its own history row, so concurrent
/// runners apply each migration exactly once even where the provider has no run-level lock.
/// </summary>
internal sealed class MigrationExecutor
{
    private readonly MigrationProvider _provider;
    private readonly MigrationPlanner _planner;
    private readonly MigrationKitOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly MigrationNotifier _notifier;
    private readonly Func<double> _jitter;
    private int _digestRecordAttempted;

    public MigrationExecutor(MigrationProvider provider, MigrationPlanner planner, MigrationKitOptions options, ILogger logger, TimeProvider time, MigrationNotifier notifier, Func<double>? jitter = null)
    {
        _provider = provider;
        _planner = planner;
        _options = options;
        _logger = logger;
        _time = time;
        _notifier = notifier;
        _jitter = jitter ?? Random.Shared.NextDouble;
        HistoryTables = [options.History.HistoryTable, options.History.JournalTable, options.History.RepeatableTable, options.History.RunsTable, SqlMigrationHistory.DigestTable(options.History)];
    }

    /// <summary>The history, journal and repeatable bookkeeping tables, which schema reads leave out.</summary>
    public IReadOnlyList<QualifiedName> HistoryTables { get; }

    /// <summary>
    /// Plans and executes a run to <paramref name="target"/>. Going up, the quick check for nothing pending runs first,
    /// without the lock; then, under the lock: the history is created if needed, checked against the code and for
    /// steps left part way, the plan is made, <see cref="RunHooks.BeforeSteps"/> runs and the plan is executed.
    /// </summary>
    public async Task<MigrationResult> RunAsync(MigrationTarget target, RunState state, RunHooks hooks, CancellationToken cancellationToken)
    {
        var direction = target.Direction;
        using var activity = MigrationKitTelemetry.ActivitySource.StartActivity("MigrationKit." + direction);
        var targetText = target.ToString();
        activity?.SetTag(MigrationKitTelemetry.DbSystemName, _provider.Name);
        activity?.SetTag("migrationkit.target", targetText);
        Log.RunStarting(_logger, direction.ToString(), targetText, _provider.DisplayName);
        var started = _time.GetTimestamp();
        if (target.UpTo is { } last)
        {
            // Checked before taking the lock: when everything is applied, matches the code and no step is part way,
            // there is nothing for a lock to protect, so the common startup pays no lock round trips and does not queue
            // behind other replicas. Anything else takes the locked path below, which checks again.
            // A digest that is not current (a database of an earlier version, a repair since) sends the run to the
            // locked path even when the full read finds nothing pending, once per runner, so that path records it and
            // the next startups take the one-read path. Once only: a store that keeps no digest must not cost a lock each time.
            var upToDate = await WithSessionAsync(lockDatabase: false, async (session, history) =>
                await UpToDateAsync(session, history, last, cancellationToken).ConfigureAwait(false) is { } found
                && (found.DigestCurrent || Interlocked.Exchange(ref _digestRecordAttempted, 1) == 1) ? found.Version : (long?)null, cancellationToken).ConfigureAwait(false);
            if (upToDate is { } version)
            {
                Log.NothingPending(_logger, _provider.DisplayName, version);
                return new MigrationResult(Guid.Empty, direction, version, version, []);
            }
        }

        // The run's record is written once there is work (or when the run fails under the lock), never for a run that
        // finds nothing to do: a start with nothing pending writes nothing.
        var run = new RunRecorder(CommandOf(target, hooks), targetText, _options.AppliedBy, _time, _logger);
        return await WithSessionAsync(lockDatabase: true, Recorded(run, async (session, history) =>
        {
            await EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            if (target.UpTo is { } highest && await UpToDateAsync(session, history, highest, cancellationToken).ConfigureAwait(false) is { } found)
            {
                if (!found.DigestCurrent)
                {
                    await RecordDigestAsync(session, history, cancellationToken).ConfigureAwait(false);
                }

                Log.NothingPending(_logger, _provider.DisplayName, found.Version);
                return new MigrationResult(Guid.Empty, direction, found.Version, found.Version, []);
            }

            var applied = await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false);
            _planner.Validate(applied);
            var incomplete = _planner.Incomplete(await history.GetIncompleteAsync(cancellationToken).ConfigureAwait(false));
            if (incomplete.Count > 0)
            {
                var invalidObjects = await _provider.FindInvalidObjectsAsync(session, cancellationToken).ConfigureAwait(false);
                var safe = hooks.SafeCheckpoint is null ? null : await hooks.SafeCheckpoint(incomplete, cancellationToken).ConfigureAwait(false);
                throw new IncompleteMigrationException(incomplete, invalidObjects, safe);
            }

            var plan = _planner.Plan(target, applied);
            hooks.CheckPlan?.Invoke(plan, applied);
            var repeatables = target.UpTo is { } upTo && _planner.IncludesRepeatables(upTo) ? await PendingRepeatablesAsync(session, cancellationToken).ConfigureAwait(false) : [];
            if (plan.IsEmpty && repeatables.Count == 0)
            {
                Log.NothingPending(_logger, _provider.DisplayName, plan.FromVersion);
                return new MigrationResult(Guid.Empty, direction, plan.FromVersion, plan.FromVersion, []);
            }

            var runId = run.RunId;
            activity?.SetTag("migrationkit.run_id", runId);
            await run.StartAsync(history, plan.FromVersion, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<MigrationStepResult> results = [];
            if (!plan.IsEmpty)
            {
                state.Plan = plan;
                state.Checkpoint = hooks.BeforeSteps is null ? null : await hooks.BeforeSteps(session, history, plan, cancellationToken).ConfigureAwait(false);
                results = await ExecuteAsync(session, history, plan, runId, cancellationToken, hooks.ApproveStep, run).ConfigureAwait(false);
            }

            // After the versioned migrations, which the repeatables may use (views over their tables, functions).
            var repeated = repeatables.Count == 0 ? [] : await ApplyRepeatablesAsync(session, history, repeatables, runId, cancellationToken).ConfigureAwait(false);
            var toVersion = (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).DefaultIfEmpty(0).Max();
            await RecordDigestAsync(session, history, cancellationToken).ConfigureAwait(false);
            await run.SucceededAsync(history, toVersion, results.Count + repeated.Count, cancellationToken).ConfigureAwait(false);
            Log.RunCompleted(_logger, results.Count + repeated.Count, direction == MigrationDirection.Up ? "applied" : "reverted", (long)_time.GetElapsedTime(started).TotalMilliseconds, _provider.DisplayName, toVersion);
            return new MigrationResult(runId, direction, plan.FromVersion, toVersion, results) { Repeatables = repeated };
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Wraps the locked work of a run so that a failure under the lock ends the run's record as failed (or cancelled),
    /// written after the step's transaction rolled back and outside any transaction.
    /// </summary>
    private static Func<MigrationSession, IMigrationHistory, Task<T>> Recorded<T>(RunRecorder run, Func<MigrationSession, IMigrationHistory, Task<T>> work, CancellationToken cancellationToken) =>
        async (session, history) =>
        {
            try
            {
                return await work(session, history).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await run.FailedAsync(history, e, cancelled: e is OperationCanceledException || cancellationToken.IsCancellationRequested).ConfigureAwait(false);
                throw;
            }
        };

    private static MigrationRunCommand CommandOf(MigrationTarget target, RunHooks hooks) =>
        hooks.CheckPlan is not null ? MigrationRunCommand.ExecutePlan
        : target.Kind switch
        {
            MigrationTargetKind.Up => MigrationRunCommand.Up,
            MigrationTargetKind.DownTo => MigrationRunCommand.Down,
            _ => MigrationRunCommand.Rollback,
        };

    /// <summary>Executes a whole plan in the session: one transaction per migration (with lock-timeout retries), or one over all of them.</summary>
    /// <remarks>
    /// With <paramref name="approve"/>, each step is offered to it first and the run stops at the first step it
    /// declines; an all-or-nothing run offers every step before its one transaction begins and runs none unless all are
    /// approved.
    /// </remarks>
    public async Task<IReadOnlyList<MigrationStepResult>> ExecuteAsync(MigrationSession session, IMigrationHistory history, MigrationPlan plan, Guid runId, CancellationToken cancellationToken, Func<MigrationPlanStep, CancellationToken, ValueTask<bool>>? approve = null, RunRecorder? run = null)
    {
        if (_options.RunTransaction != MigrationRunTransaction.AllOrNothing)
        {
            return await ExecuteEachAsync(session, history, plan, runId, approve, run, cancellationToken).ConfigureAwait(false);
        }

        if (approve is not null)
        {
            foreach (var step in plan.Steps)
            {
                if (!await approve(step, cancellationToken).ConfigureAwait(false))
                {
                    Log.StepDeclined(_logger, step.Version, step.Description, step.Direction.ToString());
                    return [];
                }
            }
        }

        return await ExecuteAllOrNothingAsync(session, history, plan, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Executes one step, retried with exponential backoff and jitter (<see cref="MigrationKitOptions.LockRetry"/>)
    /// while a transactional attempt fails on a lock timeout the provider recognizes; each failed attempt rolled back
    /// completely. When the attempts run out, a <see cref="MigrationBlockedException"/> names the blocking session.
    /// Returns <see langword="null"/> when another runner already did the step.
    /// </summary>
    public async Task<MigrationStepResult?> ExecuteStepAsync(MigrationSession session, IMigrationHistory history, MigrationPlanStep step, Guid runId, CancellationToken cancellationToken, RunRecorder? run = null)
    {
        var policy = _options.LockRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(session, history, step, runId, cancellationToken).ConfigureAwait(false);
            }
            catch (MigrationFailedException e) when (LockRetry.IsRetryable(e, _provider.IsLockTimeout))
            {
                string? blocker;
                try
                {
                    blocker = await _provider.DescribeLockConflictAsync(session, e.Statement, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception describeError) when (describeError is DbException or InvalidOperationException)
                {
                    // The description is a courtesy; the lock timeout is what gets reported.
                    blocker = null;
                }

                if (LockRetry.DelayBeforeNext(policy, attempt, _jitter()) is not { } delay)
                {
                    Log.LockTimeoutGaveUp(_logger, step.Version, step.Description, step.Direction.ToString(), attempt, blocker ?? string.Empty);
                    throw new MigrationBlockedException(step.Version, step.Description, step.Direction, e.Statement, attempt, blocker, e.InnerException!);
                }

                Log.LockTimeoutRetrying(_logger, step.Version, step.Description, step.Direction.ToString(), attempt, policy.MaxAttempts, (long)delay.TotalMilliseconds, blocker ?? string.Empty);
                run?.Retried();
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Applies or reverts one migration, once; returns <see langword="null"/> when another runner already did it.</summary>
    public async Task<MigrationStepResult?> ApplyAsync(MigrationSession session, IMigrationHistory history, MigrationPlanStep step, Guid runId, CancellationToken cancellationToken)
    {
        var operations = step.Operations;
        var direction = step.Direction;
        using var activity = MigrationKitTelemetry.ActivitySource.StartActivity("MigrationKit.Migration");
        activity?.SetTag("migrationkit.version", step.Version);
        activity?.SetTag("migrationkit.direction", direction.ToString());
        activity?.SetTag(MigrationKitTelemetry.DbSystemName, _provider.Name);
        var transactional = step.Transactional;
        string? statement = null;
        var started = _time.GetTimestamp();
        if (transactional)
        {
            // Written before the transaction and on its own, so that a step interrupted part way (the process killed,
            // the connection lost) stays visible in the journal. The check that comes with it keeps runners that would
            // only skip the step (another runner applied it) from writing entries.
            if (!await history.TryAppendJournalAsync(Journal(runId, step.Version, ActionOf(direction), JournalStatus.Started), whenApplied: direction == MigrationDirection.Down, cancellationToken).ConfigureAwait(false))
            {
                Log.MigrationSkipped(_logger, step.Version, direction.ToString());
                return null;
            }
        }

        session.Transaction = transactional ? await _provider.BeginTransactionAsync(session, cancellationToken).ConfigureAwait(false) : null;
        session.Operations = operations;
        try
        {
            // The provider's settings for the migration, when it can give them as statements, ride with the re-check
            // below (after it, in one round trip); undone by the rollback when the step is skipped.
            var prepare = transactional ? _provider.BeforeMigrationStatements(session, step.Migration.Info) : null;
            session.Pending.AddRange(prepare ?? []);

            // Re-checked inside the transaction: under SQLite's BEGIN IMMEDIATE (or a provider lock) this is the
            // decision point that makes concurrent runners apply each migration exactly once.
            if (await history.IsAppliedAsync(step.Version, cancellationToken).ConfigureAwait(false) != (direction == MigrationDirection.Down))
            {
                Log.MigrationSkipped(_logger, step.Version, direction.ToString());
                return null;
            }

            if (!transactional)
            {
                // Written first and on its own, so a step killed part way is visible in the journal.
                await history.AppendJournalAsync(Journal(runId, step.Version, ActionOf(direction), JournalStatus.Started), cancellationToken).ConfigureAwait(false);
            }

            Log.MigrationStarting(_logger, step.Version, step.Description, direction.ToString());
            if (prepare is null)
            {
                await OwnAsync(() => _provider.BeforeMigrationAsync(session, step.Migration.Info, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // A history of its own (not the built-in one) may not have sent them with its re-check.
                await OwnAsync(() => SendPendingAsync(session, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            await ExecuteOperationsAsync(session, operations, s => statement = s, cancellationToken).ConfigureAwait(false);
            statement = null;
            await OwnAsync(() => _provider.AfterMigrationAsync(session, step.Migration.Info, cancellationToken), cancellationToken).ConfigureAwait(false);
            var elapsed = _time.GetElapsedTime(started);
            if (transactional)
            {
                await RecordAndCheckAsync(session, history, step, runId, elapsed, cancellationToken).ConfigureAwait(false);
                await session.Transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await InTransactionAsync(session, () => RecordAsync(history, step, runId, elapsed, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            var result = new MigrationStepResult(step.Version, step.Description, direction, elapsed);
            _notifier.StepCompleted(result);
            return result;
        }
        catch (Exception e)
        {
            MigrationKitTelemetry.Failed(activity, e);
            session.Operations = null;
            await RollbackAsync(session).ConfigureAwait(false);
            if (!transactional)
            {
                // A rollback undoes what a failed transactional migration did to the session; without one, the provider
                // must, before the failure is journaled and before anything else runs on the session.
                await ResetAfterFailureAsync(session, step).ConfigureAwait(false);
            }

            throw await FailedAsync(history, step, runId, statement, transactional, e, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            session.Pending.Clear();
            session.Operations = null;
            await EndTransactionAsync(session).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Writes the migration's history and journal rows, then lets the provider check before the commit; a provider whose
    /// check works apart from the session (<see cref="MigrationProvider.ChecksBeforeCommitApart"/>) checks while the rows
    /// are written, and both are done before this returns. A failure to write the rows is what is reported when both fail,
    /// as it is when the check runs after them.
    /// </summary>
    private async Task RecordAndCheckAsync(MigrationSession session, IMigrationHistory history, MigrationPlanStep step, Guid runId, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (!_provider.ChecksBeforeCommitApart)
        {
            await RecordAsync(history, step, runId, elapsed, cancellationToken).ConfigureAwait(false);
            await _provider.BeforeCommitAsync(session, cancellationToken).ConfigureAwait(false);
            return;
        }

        var check = _provider.BeforeCommitAsync(session, cancellationToken).AsTask();
        try
        {
            await RecordAsync(history, step, runId, elapsed, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing may still be running when the failure is handled (the rollback, the journal entry).
            // (Awaited without throwing; its own failure is observed and dropped: the rows' failure is what is reported.)
            await Task.WhenAny(check).ConfigureAwait(false);
            _ = check.Exception;
            throw;
        }

        await check.ConfigureAwait(false);
    }

    /// <summary>Runs the provider's statements that no re-check took with it.</summary>
    private static async ValueTask SendPendingAsync(MigrationSession session, CancellationToken cancellationToken)
    {
        string[] pending = [.. session.Pending];
        session.Pending.Clear();
        foreach (var sql in pending)
        {
            await session.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Re-records the checksums of edited migrations and clears steps left part way, each with a journal entry.</summary>
    public Task<IReadOnlyList<long>> RepairAsync(CancellationToken cancellationToken)
    {
        // Recorded as a run only when there is something to repair (or the repair fails under the lock).
        var run = new RunRecorder(MigrationRunCommand.Repair, "all", _options.AppliedBy, _time, _logger);
        return WithSessionAsync<IReadOnlyList<long>>(lockDatabase: true, Recorded<IReadOnlyList<long>>(run, async (session, history) =>
        {
            var status = await ReadStatusAsync(session, history, cancellationToken).ConfigureAwait(false);
            var runId = run.RunId;
            var repaired = new List<long>();
            var toRepair = status.Migrations.Where(m => m.State is MigrationState.Modified or MigrationState.Incomplete).ToArray();
            if (toRepair.Length > 0)
            {
                await run.StartAsync(history, status.CurrentVersion, cancellationToken).ConfigureAwait(false);
            }

            foreach (var entry in toRepair)
            {
                await InTransactionAsync(session, async () =>
                {
                    if (entry.State == MigrationState.Modified)
                    {
                        await history.UpdateChecksumAsync(entry.Version, entry.CodeChecksum!, entry.Description, cancellationToken).ConfigureAwait(false);
                    }

                    await history.AppendJournalAsync(Journal(runId, entry.Version, JournalAction.Repair, JournalStatus.Succeeded) with { Error = $"repaired {entry.State}" }, cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                Log.Repaired(_logger, entry.Version, entry.State == MigrationState.Modified ? "checksum re-recorded" : "incomplete step cleared");
                repaired.Add(entry.Version);
                run.StepApplied();
            }

            if (toRepair.Length > 0)
            {
                await run.SucceededAsync(history, status.CurrentVersion, repaired.Count, cancellationToken).ConfigureAwait(false);
            }

            return repaired;
        }, cancellationToken), cancellationToken);
    }

    /// <summary>Marks the migrations of a baseline as applied, in one transaction, when the history is empty.</summary>
    public Task<IReadOnlyList<long>> BaselineAsync(long version, IReadOnlyList<MigrationPlanStep> steps, CancellationToken cancellationToken)
    {
        var run = new RunRecorder(MigrationRunCommand.Baseline, version.ToString(System.Globalization.CultureInfo.InvariantCulture), _options.AppliedBy, _time, _logger);
        return WithSessionAsync<IReadOnlyList<long>>(lockDatabase: true, Recorded<IReadOnlyList<long>>(run, async (session, history) =>
        {
            await EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            var runId = run.RunId;
            await run.StartAsync(history, 0, cancellationToken).ConfigureAwait(false);
            var versions = new List<long>();
            await InTransactionAsync(session, async () =>
            {
                if ((await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
                {
                    throw new MigrationKitException($"Cannot baseline {_provider.DisplayName}: it already has a migration history. Baseline only marks a database that predates MigrationKit; use MigrateUpAsync here.");
                }

                foreach (var step in steps)
                {
                    await history.AddAsync(new AppliedMigration(step.Version, step.Description, step.Checksum, _time.GetUtcNow(), TimeSpan.Zero, _options.AppliedBy, LibraryVersion.Value), cancellationToken).ConfigureAwait(false);
                    versions.Add(step.Version);
                }

                await history.AppendJournalAsync(Journal(runId, version, JournalAction.Baseline, JournalStatus.Succeeded), cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            Log.Baselined(_logger, _provider.DisplayName, version, versions.Count);
            await run.SucceededAsync(history, version, versions.Count, cancellationToken).ConfigureAwait(false);
            return versions;
        }, cancellationToken), cancellationToken);
    }

    /// <summary>Opens a session (and takes the lock when asked), runs <paramref name="work"/> in it, and releases both.</summary>
    public async Task<T> WithSessionAsync<T>(bool lockDatabase, Func<MigrationSession, IMigrationHistory, Task<T>> work, CancellationToken cancellationToken)
    {
        DbConnection connection;
        try
        {
            connection = await _provider.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or MigrationKitException or ArgumentException))
        {
            throw new MigrationConnectionException(_provider.DisplayName, e);
        }

        try
        {
            var session = new MigrationSession(_provider, connection) { HistoryTable = _options.History.HistoryTable };
            var history = _provider.CreateHistory(session, _options.History);
            if (!lockDatabase)
            {
                return await work(session, history).ConfigureAwait(false);
            }

            var waited = _time.GetTimestamp();
            var held = await _provider.AcquireLockAsync(session, cancellationToken).ConfigureAwait(false);
            await using (held.ConfigureAwait(false))
            {
                Log.LockAcquired(_logger, _provider.DisplayName, (long)_time.GetElapsedTime(waited).TotalMilliseconds);
                return await work(session, history).ConfigureAwait(false);
            }
        }
        catch (DbException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The run on {_provider.DisplayName} was cancelled.", e, cancellationToken);
        }
        catch (DbException e) when (_provider.IsConnectionFailure(e))
        {
            throw new MigrationConnectionException(_provider.DisplayName, e);
        }
        finally
        {
            await _provider.ReleaseConnectionAsync(connection).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a transaction of the session, committed when it succeeds and rolled back otherwise.</summary>
    public async Task InTransactionAsync(MigrationSession session, Func<Task> work, CancellationToken cancellationToken)
    {
        session.Transaction = await _provider.BeginTransactionAsync(session, cancellationToken).ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
            await session.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RollbackAsync(session).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await EndTransactionAsync(session).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the history and journal tables when they do not exist.</summary>
    public async Task EnsureHistoryAsync(MigrationSession session, IMigrationHistory history, CancellationToken cancellationToken)
    {
        if (await history.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // Created in a transaction and re-checked inside it, so two runners starting together cannot both create it.
        await InTransactionAsync(session, async () =>
        {
            if (!await history.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                await history.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
                Log.HistoryCreated(_logger, _provider.DisplayName);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The status of every migration (and repeatable migration), read from the history.</summary>
    public async Task<MigrationStatus> ReadStatusAsync(MigrationSession session, IMigrationHistory history, CancellationToken cancellationToken)
    {
        var repeatables = _planner.Catalog.Repeatables.Count == 0 ? []
            : _planner.RepeatableStatus(await RepeatableStore(session).ReadAsync(cancellationToken).ConfigureAwait(false));
        if (!await history.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return _planner.BuildStatus([], [], includeChecksums: false) with { Repeatables = repeatables };
        }

        var applied = await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false);
        var incomplete = _planner.Incomplete(await history.GetIncompleteAsync(cancellationToken).ConfigureAwait(false));
        return _planner.BuildStatus(applied, incomplete, includeChecksums: true) with { Repeatables = repeatables };
    }

    /// <summary>The repeatable migrations of the code that have run on this database (with any checksum), by name.</summary>
    public async Task<IReadOnlyList<RepeatableMigration>> AppliedRepeatablesAsync(MigrationSession session, CancellationToken cancellationToken)
    {
        if (_planner.Catalog.Repeatables.Count == 0)
        {
            return [];
        }

        var applied = await RepeatableStore(session).ReadAsync(cancellationToken).ConfigureAwait(false);
        return _planner.Catalog.Repeatables.Where(r => applied.ContainsKey(r.Name)).ToArray();
    }

    /// <summary>The repeatable migrations that never ran or changed since they last ran, by name.</summary>
    public async Task<IReadOnlyList<RepeatableMigration>> PendingRepeatablesAsync(MigrationSession session, CancellationToken cancellationToken) =>
        _planner.PendingRepeatables(await RepeatableStore(session).ReadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Applies changed repeatable migrations one by one, each in its own transaction (unless its header says
    /// otherwise) with its bookkeeping row and journal entry; inside the transaction the recorded checksum is read
    /// again, so concurrent runners apply one change once. The bookkeeping table is created on first use.
    /// </summary>
    public async Task<IReadOnlyList<MigrationStepResult>> ApplyRepeatablesAsync(MigrationSession session, IMigrationHistory history, IReadOnlyList<RepeatableMigration> repeatables, Guid runId, CancellationToken cancellationToken)
    {
        var store = RepeatableStore(session);
        if (!await store.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await InTransactionAsync(session, async () =>
            {
                if (!await store.ExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    await store.CreateAsync(cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        var results = new List<MigrationStepResult>(repeatables.Count);
        foreach (var repeatable in repeatables)
        {
            if (await ApplyRepeatableAsync(session, history, store, repeatable, runId, cancellationToken).ConfigureAwait(false) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>The live schema, without the history and journal tables.</summary>
    public async Task<DatabaseSchema> ReadSchemaAsync(MigrationSession session, CancellationToken cancellationToken) =>
        (await _provider.SchemaReader.ReadAsync(session, cancellationToken).ConfigureAwait(false)).Without(HistoryTables);

    /// <summary>The newest applied version, 0 when none is (or there is no history).</summary>
    public static async Task<long> CurrentVersionAsync(IMigrationHistory history, CancellationToken cancellationToken) =>
        await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
            ? (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).DefaultIfEmpty(0).Max()
            : 0;

    /// <summary>A journal entry of this runner, stamped now.</summary>
    public JournalEntry Journal(Guid runId, long? version, JournalAction action, JournalStatus status) =>
        new(runId, version, action, status, _time.GetUtcNow()) { AppliedBy = _options.AppliedBy };

    /// <summary>
    /// The nothing-pending check. First the recorded digest of the applied set, one read: when it is current and equals
    /// the code's, every migration up to the target is applied unedited and no step was left part way since it was
    /// recorded. Otherwise (no digest, out of date, or different: a migration pending, edited or missing) the full
    /// read of versions, checksums and unfinished journal entries decides, as it always did.
    /// </summary>
    /// <returns>The current version and whether the digest said so; <see langword="null"/> when something is to do or to report.</returns>
    private async Task<(long Version, bool DigestCurrent)?> UpToDateAsync(MigrationSession session, IMigrationHistory history, long upTo, CancellationToken cancellationToken)
    {
        (long Version, bool DigestCurrent) found;
        if (_options.VerifyChecksums && await history.ReadAppliedDigestAsync(cancellationToken).ConfigureAwait(false) is { } digest
            && _planner.UpToDate(digest, upTo) is { } byDigest)
        {
            found = (byDigest, true);
        }
        else
        {
            if (!await history.ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var rows = await history.GetAppliedChecksumsAsync(cancellationToken).ConfigureAwait(false);
            if (_planner.UpToDate(rows, upTo) is not { } version || (await history.GetIncompleteAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                return null;
            }

            // With checksums unverified the digest is never consulted, so there is nothing to record.
            found = (version, !_options.VerifyChecksums);
        }

        // Only runners with repeatable migrations pay this read.
        if (_planner.IncludesRepeatables(upTo) && (await PendingRepeatablesAsync(session, cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return null;
        }

        return found;
    }

    /// <summary>
    /// Records the digest of the applied set, under the run's lock, in a transaction that reads the history it is
    /// computed from: not while a step is left part way (the next startups must keep finding it). A store that cannot
    /// record one (say, no right to create its table) costs later startups the full read, as before the digest.
    /// </summary>
    private async Task RecordDigestAsync(MigrationSession session, IMigrationHistory history, CancellationToken cancellationToken)
    {
        try
        {
            await InTransactionAsync(session, async () =>
            {
                var rows = await history.GetAppliedChecksumsAsync(cancellationToken).ConfigureAwait(false);
                if (_planner.Incomplete(await history.GetIncompleteAsync(cancellationToken).ConfigureAwait(false)).Count == 0)
                {
                    await history.WriteAppliedDigestAsync(AppliedSetDigest.Of(rows), cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationBookkeepingException e)
        {
            Log.DigestNotRecorded(_logger, e, _provider.DisplayName);
        }
    }

    private RepeatableMigrationStore RepeatableStore(MigrationSession session) => new(session, _options.History.RepeatableTable);

    private async Task<MigrationStepResult?> ApplyRepeatableAsync(MigrationSession session, IMigrationHistory history, RepeatableMigrationStore store, RepeatableMigration repeatable, Guid runId, CancellationToken cancellationToken)
    {
        var what = RepeatableMigrationStore.Describe(repeatable);
        var started = _time.GetTimestamp();
        string? statement = null;
        session.Transaction = repeatable.Transactional ? await _provider.BeginTransactionAsync(session, cancellationToken).ConfigureAwait(false) : null;
        session.Operations = repeatable.Operations;
        try
        {
            if (string.Equals(await store.ChecksumAsync(repeatable.Name, cancellationToken).ConfigureAwait(false), repeatable.Checksum, StringComparison.Ordinal))
            {
                Log.RepeatableSkipped(_logger, repeatable.File.FileName);
                return null;
            }

            if (!repeatable.Transactional)
            {
                // Written first and on its own, so a repeatable killed part way is visible in the journal.
                await history.AppendJournalAsync(Journal(runId, null, JournalAction.Repeatable, JournalStatus.Started) with { Error = what }, cancellationToken).ConfigureAwait(false);
            }

            Log.RepeatableStarting(_logger, repeatable.File.FileName, repeatable.Checksum);
            await ExecuteOperationsAsync(session, repeatable.Operations, s => statement = s, cancellationToken).ConfigureAwait(false);
            statement = null;
            var elapsed = _time.GetElapsedTime(started);
            await store.RecordAsync(repeatable, _time.GetUtcNow(), elapsed, _options.AppliedBy, cancellationToken).ConfigureAwait(false);
            await history.AppendJournalAsync(Journal(runId, null, JournalAction.Repeatable, JournalStatus.Succeeded) with { Duration = elapsed, Error = what }, cancellationToken).ConfigureAwait(false);
            if (session.Transaction is { } transaction)
            {
                await _provider.BeforeCommitAsync(session, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            Log.RepeatableCompleted(_logger, repeatable.File.FileName, (long)elapsed.TotalMilliseconds);
            return new MigrationStepResult(0, repeatable.Description, MigrationDirection.Up, elapsed);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            session.Operations = null;
            await RollbackAsync(session).ConfigureAwait(false);
            try
            {
                await history.AppendJournalAsync(Journal(runId, null, JournalAction.Repeatable, repeatable.Transactional ? JournalStatus.Failed : JournalStatus.Incomplete) with { Error = $"{what}: {e.Message}" }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception journalError) when (journalError is DbException or InvalidOperationException)
            {
                Log.JournalWriteFailed(_logger, journalError, 0);
            }

            Log.RepeatableFailed(_logger, e, repeatable.File.FileName);
            if (e is DbException && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"Repeatable migration {repeatable.File.Path} was cancelled.", e, cancellationToken);
            }

            throw new RepeatableMigrationFailedException(repeatable.Name, repeatable.File.Path, statement, repeatable.Transactional, e);
        }
        finally
        {
            session.Operations = null;
            await EndTransactionAsync(session).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<MigrationStepResult>> ExecuteEachAsync(MigrationSession session, IMigrationHistory history, MigrationPlan plan, Guid runId, Func<MigrationPlanStep, CancellationToken, ValueTask<bool>>? approve, RunRecorder? run, CancellationToken cancellationToken)
    {
        var results = new List<MigrationStepResult>(plan.Steps.Count);
        foreach (var step in plan.Steps)
        {
            if (approve is not null && !await approve(step, cancellationToken).ConfigureAwait(false))
            {
                Log.StepDeclined(_logger, step.Version, step.Description, step.Direction.ToString());
                break;
            }

            if (step.Direction == MigrationDirection.Up && step.Version < plan.FromVersion)
            {
                Log.OutOfOrder(_logger, step.Version, plan.FromVersion);
            }

            if (await ExecuteStepAsync(session, history, step, runId, cancellationToken, run).ConfigureAwait(false) is { } result)
            {
                results.Add(result);
                run?.StepApplied();
            }
        }

        return results;
    }

    private async Task<IReadOnlyList<MigrationStepResult>> ExecuteAllOrNothingAsync(MigrationSession session, IMigrationHistory history, MigrationPlan plan, Guid runId, CancellationToken cancellationToken)
    {
        if (plan.Steps.FirstOrDefault(s => !s.Transactional) is { } outside)
        {
            throw new MigrationKitException($"Migration {outside.Migration} runs without a transaction, so it cannot join an all-or-nothing run. Run it on its own (MigrateUpAsync to its version with RunTransaction = PerMigration) or make it transactional.");
        }

        var direction = plan.Direction;
        var results = new List<MigrationStepResult>(plan.Steps.Count);
        MigrationPlanStep? current = null;
        string? statement = null;
        var executed = new List<MigrationOperation>();
        session.Transaction = await _provider.BeginTransactionAsync(session, cancellationToken).ConfigureAwait(false);
        session.Operations = executed;
        try
        {
            foreach (var step in plan.Steps)
            {
                current = step;
                if (await history.IsAppliedAsync(step.Version, cancellationToken).ConfigureAwait(false) != (direction == MigrationDirection.Down))
                {
                    Log.MigrationSkipped(_logger, step.Version, direction.ToString());
                    continue;
                }

                var started = _time.GetTimestamp();
                Log.MigrationStarting(_logger, step.Version, step.Description, direction.ToString());
                var operations = step.Operations;
                statement = null;
                await OwnAsync(() => _provider.BeforeMigrationAsync(session, step.Migration.Info, cancellationToken), cancellationToken).ConfigureAwait(false);
                executed.AddRange(operations);
                await ExecuteOperationsAsync(session, operations, s => statement = s, cancellationToken).ConfigureAwait(false);
                statement = null;
                await OwnAsync(() => _provider.AfterMigrationAsync(session, step.Migration.Info, cancellationToken), cancellationToken).ConfigureAwait(false);
                var elapsed = _time.GetElapsedTime(started);
                await RecordAsync(history, step, runId, elapsed, cancellationToken).ConfigureAwait(false);
                results.Add(new MigrationStepResult(step.Version, step.Description, direction, elapsed));
            }

            await _provider.BeforeCommitAsync(session, cancellationToken).ConfigureAwait(false);
            await session.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (current is not null)
        {
            session.Operations = null;
            await RollbackAsync(session).ConfigureAwait(false);
            throw await FailedAsync(history, current, runId, statement, transactional: true, e, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            session.Operations = null;
            await EndTransactionAsync(session).ConfigureAwait(false);
        }

        foreach (var result in results)
        {
            _notifier.StepCompleted(result);
        }

        return results;
    }

    private async Task ExecuteOperationsAsync(MigrationSession session, IReadOnlyList<MigrationOperation> operations, Action<string> current, CancellationToken cancellationToken)
    {
        var context = new LiveSchemaContext(_provider, session, HistoryTables);
        foreach (var operation in operations)
        {
            // The generator may read the live schema: a driver error there is the runner's own statement failing.
            var commands = await OwnAsync(() => _provider.SqlGenerator.GenerateCommandsAsync(operation, context, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var command in commands)
            {
                current(command.Sql);
                Log.ExecutingSql(_logger, command.Sql);
                await session.ExecuteAsync(command.Sql, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RecordAsync(IMigrationHistory history, MigrationPlanStep step, Guid runId, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        // The history row and the journal entry together (one round trip for the built-in history), the clock read
        // for the row first.
        if (step.Direction == MigrationDirection.Up)
        {
            var applied = new AppliedMigration(step.Version, step.Description, step.Checksum, _time.GetUtcNow(), elapsed, _options.AppliedBy, LibraryVersion.Value);
            await history.AddWithJournalAsync(applied, Succeeded(runId, step, elapsed), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await history.RemoveWithJournalAsync(step.Version, Succeeded(runId, step, elapsed), cancellationToken).ConfigureAwait(false);
        }
    }

    private JournalEntry Succeeded(Guid runId, MigrationPlanStep step, TimeSpan elapsed) =>
        Journal(runId, step.Version, ActionOf(step.Direction), JournalStatus.Succeeded) with { Duration = elapsed };

    private async Task<Exception> FailedAsync(IMigrationHistory history, MigrationPlanStep step, Guid runId, string? statement, bool transactional, Exception error, CancellationToken cancellationToken)
    {
        var direction = step.Direction;
        _notifier.StepFailed(direction);
        // A driver error while the run is cancelled is the cancellation itself (a provider may interrupt a statement to honour it).
        var cancelled = error is OperationCanceledException or DbException && cancellationToken.IsCancellationRequested;
        try
        {
            // Written after the rollback, outside any transaction, so the audit trail keeps the failure.
            var status = transactional ? JournalStatus.Failed : JournalStatus.Incomplete;
            await history.AppendJournalAsync(Journal(runId, step.Version, ActionOf(direction), status) with { Error = cancelled ? "cancelled" : error.Message }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception journalError) when (journalError is DbException or MigrationBookkeepingException or InvalidOperationException)
        {
            Log.JournalWriteFailed(_logger, journalError, step.Version);
        }

        // Declaration errors are already precise; everything else (driver errors, a failed commit-time check) is
        // wrapped so the caller learns which migration failed, in which direction, and at which statement.
        if (cancelled && error is DbException)
        {
            return new OperationCanceledException($"Migration {step.Version} '{step.Description}' was cancelled ({direction}); its transaction was rolled back.", error, cancellationToken);
        }

        if (cancelled || error is InvalidMigrationException or IrreversibleMigrationException or MigrationFailedException)
        {
            return error;
        }

        if (error is MigrationBookkeepingException own)
        {
            // Not the migration's statement: say so, with the runner's statement that failed.
            Log.BookkeepingFailed(_logger, error, step.Version, step.Description, direction.ToString(), own.Statement ?? string.Empty);
            return new MigrationBookkeepingException(own, step.Version, step.Description, direction, transactional);
        }

        Log.MigrationFailed(_logger, error, step.Version, step.Description, direction.ToString());
        return new MigrationFailedException(step.Version, step.Description, direction, statement, transactional, error);
    }

    /// <summary>
    /// Runs one of the runner's (or the provider's) own steps around a migration: a driver error there is a
    /// <see cref="MigrationBookkeepingException"/>, never blamed on the migration. A lost connection, a cancellation and a
    /// lock timeout (retried as the migration's, with the blocker named) are reported as before.
    /// </summary>
    private async Task OwnAsync(Func<ValueTask> work, CancellationToken cancellationToken) =>
        await OwnAsync(async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<T> OwnAsync<T>(Func<ValueTask<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested && !_provider.IsConnectionFailure(e) && !_provider.IsLockTimeout(e))
        {
            throw new MigrationBookkeepingException(e.BatchCommand?.CommandText, e);
        }
    }

    private async Task ResetAfterFailureAsync(MigrationSession session, MigrationPlanStep step)
    {
        try
        {
            await _provider.AfterMigrationAsync(session, step.Migration.Info, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or MigrationKitException or InvalidOperationException)
        {
            // The failure itself is what gets reported; the connection is returned to the pool, which resets it.
            Log.SessionResetFailed(_logger, e, step.Version);
        }
    }

    private static async Task RollbackAsync(MigrationSession session)
    {
        if (session.Transaction is { } transaction)
        {
            try
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // The connection may be gone; the database rolls the transaction back itself then.
            }
            catch (InvalidOperationException)
            {
                // Already completed (for example, committed then failed afterwards).
            }

            // Later commands (the failure's journal entry) must not join the dead transaction.
            await EndTransactionAsync(session).ConfigureAwait(false);
        }
    }

    private static async Task EndTransactionAsync(MigrationSession session)
    {
        if (session.Transaction is { } transaction)
        {
            session.Transaction = null;
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static JournalAction ActionOf(MigrationDirection direction) =>
        direction == MigrationDirection.Up ? JournalAction.Up : JournalAction.Down;
}
