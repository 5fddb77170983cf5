using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MigrationKit.Diagnostics;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit;

/// <summary>
/// The versioned runner. Every run opens a session, takes the provider's lock, (re)reads the history, and only then
/// decides what is pending; each migration's transaction re-checks its own history row, so concurrent runners
/// apply each migration exactly once even where the provider has no run-level lock.
/// </summary>
internal sealed partial class MigrationRunner : IMigrationRunner, IDisposable
{
    private readonly MigrationProvider _provider;
    private readonly MigrationCatalog _catalog;
    private readonly MigrationKitOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly bool _ownsProvider;

    public MigrationRunner(MigrationProvider provider, MigrationKitOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, IServiceProvider? services, bool ownsProvider)
    {
        _ownsProvider = ownsProvider;
        _services = services;
        _provider = provider;
        _options = options;
        _logger = loggerFactory.CreateLogger("MigrationKit.MigrationRunner");
        _time = timeProvider;
        _catalog = MigrationCatalog.Create(options.Sources, options.MigrationTypes, options.Naming, services, options.ReuseRecordedMigrations);
        Migrations = _catalog.Migrations.Select(m => m.Info).ToArray();
    }

    public IReadOnlyList<MigrationInfo> Migrations { get; }

    // A container disposed synchronously throws for singletons that are only IAsyncDisposable.
    public void Dispose()
    {
        if (_ownsProvider)
        {
            (_provider as IDisposable)?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsProvider)
        {
            return;
        }

        switch (_provider)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private QualifiedName[] HistoryTables => [_options.History.HistoryTable, _options.History.JournalTable];

    public Task<MigrationResult> MigrateUpAsync(long? targetVersion = null, CancellationToken cancellationToken = default)
    {
        if (targetVersion is { } target && _catalog.Find(target) is null)
        {
            throw new MigrationTargetException(target, $"Cannot migrate up to version {target}: no migration in the code has that version. Known versions: {KnownVersions()}.");
        }

        return RunAsync(MigrationDirection.Up, targetVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest", applied =>
        {
            var appliedVersions = applied.Select(a => a.Version).ToHashSet();
            return _catalog.Migrations.Where(m => !appliedVersions.Contains(m.Version) && (targetVersion is null || m.Version <= targetVersion)).ToArray();
        }, cancellationToken, upTo: targetVersion ?? long.MaxValue);
    }

    public Task<MigrationResult> MigrateDownAsync(long targetVersion, CancellationToken cancellationToken = default)
    {
        if (targetVersion < 0 || (targetVersion != 0 && _catalog.Find(targetVersion) is null))
        {
            throw new MigrationTargetException(targetVersion, $"Cannot migrate down to version {targetVersion}: it is neither 0 (revert everything) nor a version in the code. Known versions: {KnownVersions()}.");
        }

        return RunAsync(MigrationDirection.Down, targetVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), applied =>
            InCode(applied.Where(a => a.Version > targetVersion).OrderByDescending(a => a.Version)), cancellationToken);
    }

    public Task<MigrationResult> RollbackAsync(int steps = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        return RunAsync(MigrationDirection.Down, $"{steps} step(s) back", applied =>
        {
            if (applied.Count < steps)
            {
                throw new MigrationTargetException(steps, $"Cannot roll back {steps} step(s): only {applied.Count} migration(s) are applied. Ask for at most {applied.Count}, or use MigrateDownAsync(0) to revert everything.");
            }

            return InCode(applied.OrderByDescending(a => a.Version).Take(steps));
        }, cancellationToken);
    }

    public Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        WithSessionAsync(lockDatabase: false, async (session, history) => await ReadStatusAsync(history, cancellationToken).ConfigureAwait(false), cancellationToken);

    public async Task<MigrationStatus> ValidateAsync(CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfInvalid(status, verifyChecksums: true);
        return status;
    }

    public Task<IReadOnlyList<long>> RepairAsync(CancellationToken cancellationToken = default) =>
        WithSessionAsync<IReadOnlyList<long>>(lockDatabase: true, async (session, history) =>
        {
            var status = await ReadStatusAsync(history, cancellationToken).ConfigureAwait(false);
            var runId = Guid.NewGuid();
            var repaired = new List<long>();
            foreach (var entry in status.Migrations.Where(m => m.State is MigrationState.Modified or MigrationState.Incomplete))
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
            }

            return repaired;
        }, cancellationToken);

    public Task<IReadOnlyList<long>> BaselineAsync(long version, CancellationToken cancellationToken = default)
    {
        if (_catalog.Find(version) is null)
        {
            throw new MigrationTargetException(version, $"Cannot baseline at version {version}: no migration in the code has that version. Known versions: {KnownVersions()}.");
        }

        return WithSessionAsync<IReadOnlyList<long>>(lockDatabase: true, async (session, history) =>
        {
            await EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            var runId = Guid.NewGuid();
            var versions = new List<long>();
            await InTransactionAsync(session, async () =>
            {
                if ((await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
                {
                    throw new MigrationKitException($"Cannot baseline {_provider.DisplayName}: it already has a migration history. Baseline only marks a database that predates MigrationKit; use MigrateUpAsync here.");
                }

                foreach (var migration in _catalog.Migrations.Where(m => m.Version <= version))
                {
                    await history.AddAsync(new AppliedMigration(migration.Version, migration.Description, _catalog.GetChecksum(migration), _time.GetUtcNow(), TimeSpan.Zero, _options.AppliedBy, LibraryVersion.Value), cancellationToken).ConfigureAwait(false);
                    versions.Add(migration.Version);
                }

                await history.AppendJournalAsync(Journal(runId, version, JournalAction.Baseline, JournalStatus.Succeeded), cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            Log.Baselined(_logger, _provider.DisplayName, version, versions.Count);
            return versions;
        }, cancellationToken);
    }

    public Task<MigrationScript> ScriptAsync(long? targetVersion = null, CancellationToken cancellationToken = default)
    {
        if (targetVersion is { } target && _catalog.Find(target) is null)
        {
            throw new MigrationTargetException(target, $"Cannot script up to version {target}: no migration in the code has that version. Known versions: {KnownVersions()}.");
        }

        return WithSessionAsync(lockDatabase: false, async (session, history) =>
        {
            var applied = await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
                ? (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).ToHashSet()
                : [];
            var context = new ReplaySchemaContext(_provider, session, HistoryTables);
            var steps = new List<MigrationScriptStep>();
            foreach (var migration in _catalog.Migrations.Where(m => !applied.Contains(m.Version) && (targetVersion is null || m.Version <= targetVersion)))
            {
                var statements = new List<string>();
                foreach (var operation in _catalog.GetUp(migration))
                {
                    statements.AddRange(await _provider.SqlGenerator.GenerateAsync(operation, context, cancellationToken).ConfigureAwait(false));
                    await context.ApplyAsync(operation, cancellationToken).ConfigureAwait(false);
                }

                steps.Add(new MigrationScriptStep(migration.Version, migration.Description, MigrationDirection.Up, migration.Transaction == MigrationTransactionMode.Transactional, statements));
            }

            return new MigrationScript(steps);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AppliedMigration>> GetHistoryAsync(CancellationToken cancellationToken = default) =>
        WithSessionAsync(lockDatabase: false, async (session, history) =>
            await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false) : [], cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default) =>
        WithSessionAsync(lockDatabase: false, async (session, history) =>
            await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await history.GetJournalAsync(cancellationToken).ConfigureAwait(false) : [], cancellationToken);

    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken = default) =>
        WithSessionAsync(lockDatabase: false, (session, _) => ReadSchemaAsync(session, cancellationToken), cancellationToken);

    public Task<ReversibilityReport> CheckReversibilityAsync(CancellationToken cancellationToken = default) =>
        WithSessionAsync(lockDatabase: true, async (session, history) =>
        {
            await EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            var applied = (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).ToHashSet();
            var runId = Guid.NewGuid();
            var checkedVersions = new List<long>();
            var problems = new List<ReversibilityProblem>();
            foreach (var migration in _catalog.Migrations.Where(m => !applied.Contains(m.Version)))
            {
                checkedVersions.Add(migration.Version);
                var before = await ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
                await ApplyAsync(session, history, migration, MigrationDirection.Up, runId, cancellationToken).ConfigureAwait(false);
                var afterUp = await ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false);
                try
                {
                    await ApplyAsync(session, history, migration, MigrationDirection.Down, runId, cancellationToken).ConfigureAwait(false);
                }
                catch (MigrationKitException e)
                {
                    // Up stays applied, so the migrations after it can still be checked.
                    problems.Add(new ReversibilityProblem(migration.Version, migration.Description, [], e.Message));
                    continue;
                }

                var differences = before.CompareTo(await ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false));
                try
                {
                    await ApplyAsync(session, history, migration, MigrationDirection.Up, runId, cancellationToken).ConfigureAwait(false);
                }
                catch (MigrationKitException e)
                {
                    // A wrong Down often makes Up fail the second time; report both and go on with the rest.
                    problems.Add(new ReversibilityProblem(migration.Version, migration.Description, differences, "applying Up again after Down failed: " + e.Message));
                    continue;
                }

                var reapplied = afterUp.CompareTo(await ReadSchemaAsync(session, cancellationToken).ConfigureAwait(false));
                if (differences.Count > 0 || reapplied.Count > 0)
                {
                    problems.Add(new ReversibilityProblem(migration.Version, migration.Description, [.. differences, .. reapplied.Select(d => "after Down then Up again: " + d)], null));
                }
            }

            return new ReversibilityReport(checkedVersions, problems);
        }, cancellationToken);

    // upTo: for a run up, the highest version to apply, which allows the quick check for nothing pending.
    // Called by RunAsync (MigrationRunner.Checkpoints.cs), which recovers from a failure outside a transaction.
    private async Task<MigrationResult> RunStepsAsync(MigrationDirection direction, string target, Func<IReadOnlyList<AppliedMigration>, IReadOnlyList<MigrationDescriptor>> selectSteps, RunState state, CancellationToken cancellationToken, long? upTo = null)
    {
        using var activity = MigrationKitTelemetry.ActivitySource.StartActivity("MigrationKit." + direction);
        activity?.SetTag("migrationkit.target", target);
        Log.RunStarting(_logger, direction.ToString(), target, _provider.DisplayName);
        var started = _time.GetTimestamp();
        if (upTo is { } last)
        {
            // Checked before taking the lock: when everything is applied, matches the code and no step is part way,
            // there is nothing for a lock to protect, so the common startup pays no lock round trips and does not queue
            // behind other replicas. Anything else takes the locked path below, which checks again.
            var upToDate = await WithSessionAsync(lockDatabase: false, async (_, history) =>
                await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await UpToDateAsync(history, last, cancellationToken).ConfigureAwait(false) : null, cancellationToken).ConfigureAwait(false);
            if (upToDate is { } version)
            {
                Log.NothingPending(_logger, _provider.DisplayName, version);
                return new MigrationResult(Guid.Empty, direction, version, version, []);
            }
        }

        return await WithSessionAsync(lockDatabase: true, async (session, history) =>
        {
            await EnsureHistoryAsync(session, history, cancellationToken).ConfigureAwait(false);
            if (upTo is { } highest && await UpToDateAsync(history, highest, cancellationToken).ConfigureAwait(false) is { } current)
            {
                Log.NothingPending(_logger, _provider.DisplayName, current);
                return new MigrationResult(Guid.Empty, direction, current, current, []);
            }

            var applied = await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false);
            var fromVersion = applied.Count == 0 ? 0 : applied.Max(a => a.Version);
            if (!MatchesCode(applied.Select(a => (a.Version, a.Checksum))))
            {
                ThrowIfInvalid(BuildStatus(applied, [], includeChecksums: _options.VerifyChecksums), _options.VerifyChecksums);
            }

            var incomplete = await GetIncompleteAsync(history, cancellationToken).ConfigureAwait(false);
            if (incomplete.Count > 0)
            {
                throw await IncompleteAsync(incomplete, await _provider.FindInvalidObjectsAsync(session, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            var steps = selectSteps(applied);
            if (steps.Count == 0)
            {
                Log.NothingPending(_logger, _provider.DisplayName, fromVersion);
                return new MigrationResult(Guid.Empty, direction, fromVersion, fromVersion, []);
            }

            state.Planned = steps;
            state.Checkpoint = await CheckpointBeforeRunAsync(session, history, direction, steps, fromVersion, cancellationToken).ConfigureAwait(false);
            var runId = Guid.NewGuid();
            activity?.SetTag("migrationkit.run_id", runId);
            var results = _options.RunTransaction == MigrationRunTransaction.AllOrNothing
                ? await ApplyAllOrNothingAsync(session, history, steps, direction, runId, cancellationToken).ConfigureAwait(false)
                : await ApplyEachAsync(session, history, steps, direction, runId, fromVersion, cancellationToken).ConfigureAwait(false);

            var toVersion = (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).DefaultIfEmpty(0).Max();
            Log.RunCompleted(_logger, results.Count, direction == MigrationDirection.Up ? "applied" : "reverted", (long)_time.GetElapsedTime(started).TotalMilliseconds, _provider.DisplayName, toVersion);
            return new MigrationResult(runId, direction, fromVersion, toVersion, results);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<MigrationStepResult>> ApplyEachAsync(MigrationSession session, IMigrationHistory history, IReadOnlyList<MigrationDescriptor> steps, MigrationDirection direction, Guid runId, long fromVersion, CancellationToken cancellationToken)
    {
        var results = new List<MigrationStepResult>(steps.Count);
        foreach (var migration in steps)
        {
            if (direction == MigrationDirection.Up && migration.Version < fromVersion)
            {
                Log.OutOfOrder(_logger, migration.Version, fromVersion);
            }

            if (await ApplyWithLockRetryAsync(session, history, migration, direction, runId, cancellationToken).ConfigureAwait(false) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    private async Task<IReadOnlyList<MigrationStepResult>> ApplyAllOrNothingAsync(MigrationSession session, IMigrationHistory history, IReadOnlyList<MigrationDescriptor> steps, MigrationDirection direction, Guid runId, CancellationToken cancellationToken)
    {
        if (steps.FirstOrDefault(m => m.Transaction == MigrationTransactionMode.None) is { } outside)
        {
            throw new MigrationKitException($"Migration {outside} runs without a transaction, so it cannot join an all-or-nothing run. Run it on its own (MigrateUpAsync to its version with RunTransaction = PerMigration) or make it transactional.");
        }

        var results = new List<MigrationStepResult>(steps.Count);
        MigrationDescriptor? current = null;
        string? statement = null;
        var executed = new List<MigrationOperation>();
        session.Transaction = await _provider.BeginTransactionAsync(session, cancellationToken).ConfigureAwait(false);
        session.Operations = executed;
        try
        {
            foreach (var migration in steps)
            {
                current = migration;
                if (await history.IsAppliedAsync(migration.Version, cancellationToken).ConfigureAwait(false) != (direction == MigrationDirection.Down))
                {
                    Log.MigrationSkipped(_logger, migration.Version, direction.ToString());
                    continue;
                }

                var started = _time.GetTimestamp();
                Log.MigrationStarting(_logger, migration.Version, migration.Description, direction.ToString());
                var operations = Operations(migration, direction);
                statement = null;
                await _provider.BeforeMigrationAsync(session, migration.Info, cancellationToken).ConfigureAwait(false);
                executed.AddRange(operations);
                await ExecuteAsync(session, operations, s => statement = s, cancellationToken).ConfigureAwait(false);
                var elapsed = _time.GetElapsedTime(started);
                await RecordAsync(history, migration, direction, runId, elapsed, cancellationToken).ConfigureAwait(false);
                results.Add(new MigrationStepResult(migration.Version, migration.Description, direction, elapsed));
            }

            await _provider.BeforeCommitAsync(session, cancellationToken).ConfigureAwait(false);
            await session.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (current is not null)
        {
            session.Operations = null;
            await RollbackAsync(session).ConfigureAwait(false);
            throw await FailedAsync(history, current, direction, runId, statement, transactional: true, e, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            session.Operations = null;
            await EndTransactionAsync(session).ConfigureAwait(false);
        }

        foreach (var result in results)
        {
            Count(result);
        }

        return results;
    }

    /// <summary>
    /// <see cref="ApplyAsync"/>, retried with exponential backoff and jitter (<see cref="MigrationKitOptions.LockRetry"/>)
    /// while a transactional attempt fails on a lock timeout the provider recognizes; each failed attempt rolled back
    /// completely. When the attempts run out, a <see cref="MigrationBlockedException"/> names the blocking session.
    /// </summary>
    private async Task<MigrationStepResult?> ApplyWithLockRetryAsync(MigrationSession session, IMigrationHistory history, MigrationDescriptor migration, MigrationDirection direction, Guid runId, CancellationToken cancellationToken)
    {
        var policy = _options.LockRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(session, history, migration, direction, runId, cancellationToken).ConfigureAwait(false);
            }
            catch (MigrationFailedException e) when (e.Transactional && e.InnerException is { } cause && _provider.IsLockTimeout(cause))
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

                if (attempt >= policy.MaxAttempts)
                {
                    Log.LockTimeoutGaveUp(_logger, migration.Version, migration.Description, direction.ToString(), attempt, blocker ?? string.Empty);
                    throw new MigrationBlockedException(migration.Version, migration.Description, direction, e.Statement, attempt, blocker, cause);
                }

                var delay = policy.DelayAfter(attempt, Random.Shared.NextDouble());
                Log.LockTimeoutRetrying(_logger, migration.Version, migration.Description, direction.ToString(), attempt, policy.MaxAttempts, (long)delay.TotalMilliseconds, blocker ?? string.Empty);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Applies or reverts one migration; returns null when another runner already did it.</summary>
    private async Task<MigrationStepResult?> ApplyAsync(MigrationSession session, IMigrationHistory history, MigrationDescriptor migration, MigrationDirection direction, Guid runId, CancellationToken cancellationToken)
    {
        var operations = Operations(migration, direction);
        using var activity = MigrationKitTelemetry.ActivitySource.StartActivity("MigrationKit.Migration");
        activity?.SetTag("migrationkit.version", migration.Version);
        activity?.SetTag("migrationkit.direction", direction.ToString());
        var transactional = migration.Transaction == MigrationTransactionMode.Transactional;
        string? statement = null;
        var started = _time.GetTimestamp();
        if (transactional)
        {
            // Written before the transaction and on its own, so that a step interrupted part way (the process killed,
            // the connection lost) stays visible in the journal. The cheap check first keeps runners that would only
            // skip the step (another runner applied it) from writing entries.
            if (!await AppendStartedUnlessDoneAsync(session, history, migration, direction, runId, cancellationToken).ConfigureAwait(false))
            {
                Log.MigrationSkipped(_logger, migration.Version, direction.ToString());
                return null;
            }
        }

        session.Transaction = transactional ? await _provider.BeginTransactionAsync(session, cancellationToken).ConfigureAwait(false) : null;
        session.Operations = operations;
        try
        {
            // Re-checked inside the transaction: under SQLite's BEGIN IMMEDIATE (or a provider lock) this is the
            // decision point that makes concurrent runners apply each migration exactly once.
            if (await history.IsAppliedAsync(migration.Version, cancellationToken).ConfigureAwait(false) != (direction == MigrationDirection.Down))
            {
                Log.MigrationSkipped(_logger, migration.Version, direction.ToString());
                return null;
            }

            if (!transactional)
            {
                // Written first and on its own, so a step killed part way is visible in the journal.
                await history.AppendJournalAsync(Journal(runId, migration.Version, ActionOf(direction), JournalStatus.Started), cancellationToken).ConfigureAwait(false);
            }

            Log.MigrationStarting(_logger, migration.Version, migration.Description, direction.ToString());
            await _provider.BeforeMigrationAsync(session, migration.Info, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(session, operations, s => statement = s, cancellationToken).ConfigureAwait(false);
            statement = null;
            var elapsed = _time.GetElapsedTime(started);
            if (transactional)
            {
                await RecordAsync(history, migration, direction, runId, elapsed, cancellationToken).ConfigureAwait(false);
                await _provider.BeforeCommitAsync(session, cancellationToken).ConfigureAwait(false);
                await session.Transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await InTransactionAsync(session, () => RecordAsync(history, migration, direction, runId, elapsed, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            var result = new MigrationStepResult(migration.Version, migration.Description, direction, elapsed);
            Count(result);
            return result;
        }
        catch (Exception e)
        {
            session.Operations = null;
            await RollbackAsync(session).ConfigureAwait(false);
            throw await FailedAsync(history, migration, direction, runId, statement, transactional, e, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            session.Operations = null;
            await EndTransactionAsync(session).ConfigureAwait(false);
        }
    }

    private IReadOnlyList<MigrationOperation> Operations(MigrationDescriptor migration, MigrationDirection direction) =>
        direction == MigrationDirection.Up ? _catalog.GetUp(migration) : _catalog.GetDown(migration);

    private async Task ExecuteAsync(MigrationSession session, IReadOnlyList<MigrationOperation> operations, Action<string> current, CancellationToken cancellationToken)
    {
        var context = new LiveSchemaContext(_provider, session, HistoryTables);
        foreach (var operation in operations)
        {
            foreach (var sql in await _provider.SqlGenerator.GenerateAsync(operation, context, cancellationToken).ConfigureAwait(false))
            {
                current(sql);
                Log.ExecutingSql(_logger, sql);
                await session.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Writes the step's "started" journal entry when the history says the step is still to do (not applied going
    /// up, applied going down); returns false, writing nothing, otherwise. The built-in history does both in one
    /// statement.
    /// </summary>
    private async Task<bool> AppendStartedUnlessDoneAsync(MigrationSession session, IMigrationHistory history, MigrationDescriptor migration, MigrationDirection direction, Guid runId, CancellationToken cancellationToken)
    {
        var started = Journal(runId, migration.Version, ActionOf(direction), JournalStatus.Started);
        if (history is SqlMigrationHistory sql)
        {
            var unflushed = await _provider.BeginUnflushedWriteAsync(session, cancellationToken).ConfigureAwait(false);
            await using (unflushed.ConfigureAwait(false))
            {
                return await sql.AppendJournalIfAsync(started, migration.Version, whenApplied: direction == MigrationDirection.Down, cancellationToken).ConfigureAwait(false);
            }
        }

        if (await history.IsAppliedAsync(migration.Version, cancellationToken).ConfigureAwait(false) != (direction == MigrationDirection.Down))
        {
            return false;
        }

        await history.AppendJournalAsync(started, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task RecordAsync(IMigrationHistory history, MigrationDescriptor migration, MigrationDirection direction, Guid runId, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (history is SqlMigrationHistory sql)
        {
            // The history row and the journal entry in one round trip (the clock read in the same order as below).
            if (direction == MigrationDirection.Up)
            {
                var applied = new AppliedMigration(migration.Version, migration.Description, _catalog.GetChecksum(migration), _time.GetUtcNow(), elapsed, _options.AppliedBy, LibraryVersion.Value);
                await sql.AddWithJournalAsync(applied, Succeeded(runId, migration, direction, elapsed), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await sql.RemoveWithJournalAsync(migration.Version, Succeeded(runId, migration, direction, elapsed), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (direction == MigrationDirection.Up)
        {
            await history.AddAsync(new AppliedMigration(migration.Version, migration.Description, _catalog.GetChecksum(migration), _time.GetUtcNow(), elapsed, _options.AppliedBy, LibraryVersion.Value), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await history.RemoveAsync(migration.Version, cancellationToken).ConfigureAwait(false);
        }

        await history.AppendJournalAsync(Succeeded(runId, migration, direction, elapsed), cancellationToken).ConfigureAwait(false);
    }

    private JournalEntry Succeeded(Guid runId, MigrationDescriptor migration, MigrationDirection direction, TimeSpan elapsed) =>
        Journal(runId, migration.Version, ActionOf(direction), JournalStatus.Succeeded) with { Duration = elapsed };

    private async Task<Exception> FailedAsync(IMigrationHistory history, MigrationDescriptor migration, MigrationDirection direction, Guid runId, string? statement, bool transactional, Exception error, CancellationToken cancellationToken)
    {
        MigrationKitTelemetry.MigrationsFailed.Add(1);
        // A driver error while the run is cancelled is the cancellation itself (a provider may interrupt a statement to honour it).
        var cancelled = error is OperationCanceledException or DbException && cancellationToken.IsCancellationRequested;
        try
        {
            // Written after the rollback, outside any transaction, so the audit trail keeps the failure.
            var status = transactional ? JournalStatus.Failed : JournalStatus.Incomplete;
            await history.AppendJournalAsync(Journal(runId, migration.Version, ActionOf(direction), status) with { Error = cancelled ? "cancelled" : error.Message }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception journalError) when (journalError is DbException or InvalidOperationException)
        {
            Log.JournalWriteFailed(_logger, journalError, migration.Version);
        }

        // Declaration errors are already precise; everything else (driver errors, a failed commit-time check) is
        // wrapped so the caller learns which migration failed, in which direction, and at which statement.
        if (cancelled && error is DbException)
        {
            return new OperationCanceledException($"Migration {migration.Version} '{migration.Description}' was cancelled ({direction}); its transaction was rolled back.", error, cancellationToken);
        }

        if (cancelled || error is InvalidMigrationException or IrreversibleMigrationException or MigrationFailedException)
        {
            return error;
        }

        Log.MigrationFailed(_logger, error, migration.Version, migration.Description, direction.ToString());
        return new MigrationFailedException(migration.Version, migration.Description, direction, statement, transactional, error);
    }

    private async Task EnsureHistoryAsync(MigrationSession session, IMigrationHistory history, CancellationToken cancellationToken)
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

    private async Task<MigrationStatus> ReadStatusAsync(IMigrationHistory history, CancellationToken cancellationToken)
    {
        if (!await history.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return BuildStatus([], [], includeChecksums: false);
        }

        var applied = await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false);
        var incomplete = await GetIncompleteAsync(history, cancellationToken).ConfigureAwait(false);
        return BuildStatus(applied, incomplete, includeChecksums: true);
    }

    /// <summary>
    /// Steps left part way: failed or interrupted outside a transaction. A transactional step that was started and never
    /// finished (its process killed) rolled back with its transaction, so it is simply pending again.
    /// </summary>
    private async Task<IReadOnlyList<long>> GetIncompleteAsync(IMigrationHistory history, CancellationToken cancellationToken)
    {
        var versions = await history.GetIncompleteAsync(cancellationToken).ConfigureAwait(false);
        return versions.Where(v => _catalog.Find(v) is not { Transaction: MigrationTransactionMode.Transactional }).ToArray();
    }

    private MigrationStatus BuildStatus(IReadOnlyList<AppliedMigration> applied, IReadOnlyList<long> incomplete, bool includeChecksums)
    {
        var appliedByVersion = applied.ToDictionary(a => a.Version);
        var entries = new List<MigrationStatusEntry>();
        foreach (var migration in _catalog.Migrations)
        {
            if (!appliedByVersion.TryGetValue(migration.Version, out var row))
            {
                entries.Add(new MigrationStatusEntry(migration.Version, migration.Description, incomplete.Contains(migration.Version) ? MigrationState.Incomplete : MigrationState.Pending));
                continue;
            }

            var checksum = includeChecksums ? _catalog.GetChecksum(migration) : null;
            var modified = checksum is not null && !string.Equals(checksum, row.Checksum, StringComparison.Ordinal);
            entries.Add(new MigrationStatusEntry(migration.Version, migration.Description, modified ? MigrationState.Modified : MigrationState.Applied)
            {
                AppliedAt = row.AppliedAt,
                Duration = row.Duration,
                AppliedChecksum = row.Checksum,
                CodeChecksum = checksum,
            });
        }

        entries.AddRange(applied.Where(a => _catalog.Find(a.Version) is null).Select(a => new MigrationStatusEntry(a.Version, a.Description, MigrationState.Missing)
        {
            AppliedAt = a.AppliedAt,
            Duration = a.Duration,
            AppliedChecksum = a.Checksum,
        }));
        return new MigrationStatus(entries.OrderBy(e => e.Version).ToArray());
    }

    /// <summary>
    /// Whether every applied migration is in the code (unless missing ones are tolerated) with its recorded checksum
    /// (when checksums are verified): the usual case, answered without building a status entry per migration.
    /// </summary>
    private bool MatchesCode(IEnumerable<(long Version, string Checksum)> applied)
    {
        foreach (var row in applied)
        {
            if (_catalog.Find(row.Version) is not { } migration)
            {
                if (!_options.IgnoreMissingMigrations)
                {
                    return false;
                }
            }
            else if (_options.VerifyChecksums && !string.Equals(_catalog.GetChecksum(migration), row.Checksum, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The startup fast path of the built-in history: reads versions and checksums only (not every column of every
    /// row) and returns the current version when every migration up to <paramref name="upTo"/> is applied, the history
    /// matches the code and no step is incomplete; <see langword="null"/> otherwise, and the run takes the full path,
    /// which reports any problem.
    /// </summary>
    private async Task<long?> UpToDateAsync(IMigrationHistory history, long upTo, CancellationToken cancellationToken)
    {
        if (history is not SqlMigrationHistory sql)
        {
            return null;
        }

        var rows = await sql.GetAppliedChecksumsAsync(cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<long>(rows.Count);
        foreach (var row in rows)
        {
            applied.Add(row.Version);
        }

        foreach (var migration in _catalog.Migrations)
        {
            if (migration.Version <= upTo && !applied.Contains(migration.Version))
            {
                return null;
            }
        }

        if (!MatchesCode(rows) || (await history.GetIncompleteAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
        {
            return null;
        }

        return rows.Count == 0 ? 0 : rows.Max(r => r.Version);
    }

    private void ThrowIfInvalid(MigrationStatus status, bool verifyChecksums)
    {
        var modified = verifyChecksums ? status.Migrations.Where(m => m.State == MigrationState.Modified).ToArray() : [];
        var missing = _options.IgnoreMissingMigrations ? [] : status.Migrations.Where(m => m.State == MigrationState.Missing).ToArray();
        if (modified.Length > 0 && missing.Length > 0)
        {
            throw new MigrationValidationException([.. modified, .. missing]);
        }

        if (modified.Length > 0)
        {
            throw new MigrationChecksumMismatchException(modified);
        }

        if (missing.Length > 0)
        {
            throw new AppliedMigrationMissingException(missing);
        }
    }

    private async Task<T> WithSessionAsync<T>(bool lockDatabase, Func<MigrationSession, IMigrationHistory, Task<T>> work, CancellationToken cancellationToken)
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

    private async Task InTransactionAsync(MigrationSession session, Func<Task> work, CancellationToken cancellationToken)
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

    private async Task<DatabaseSchema> ReadSchemaAsync(MigrationSession session, CancellationToken cancellationToken) =>
        (await _provider.SchemaReader.ReadAsync(session, cancellationToken).ConfigureAwait(false)).Without(HistoryTables);

    private JournalEntry Journal(Guid runId, long? version, JournalAction action, JournalStatus status) =>
        new(runId, version, action, status, _time.GetUtcNow()) { AppliedBy = _options.AppliedBy };

    private static JournalAction ActionOf(MigrationDirection direction) =>
        direction == MigrationDirection.Up ? JournalAction.Up : JournalAction.Down;

    private void Count(MigrationStepResult result)
    {
        Log.MigrationCompleted(_logger, result.Version, result.Description, result.Direction.ToString(), (long)result.Duration.TotalMilliseconds);
        NotifyStep(result);
        var direction = new KeyValuePair<string, object?>("migrationkit.direction", result.Direction.ToString());
        MigrationKitTelemetry.MigrationsApplied.Add(1, direction);
        MigrationKitTelemetry.MigrationDuration.Record(result.Duration.TotalMilliseconds, direction);
    }

    /// <summary>The migrations to revert; reverting needs each one's code, even when missing ones are otherwise tolerated.</summary>
    private MigrationDescriptor[] InCode(IEnumerable<AppliedMigration> toRevert)
    {
        var rows = toRevert.ToArray();
        var missing = rows.Where(a => _catalog.Find(a.Version) is null)
            .Select(a => new MigrationStatusEntry(a.Version, a.Description, MigrationState.Missing) { AppliedAt = a.AppliedAt, AppliedChecksum = a.Checksum })
            .ToArray();
        if (missing.Length > 0)
        {
            throw new AppliedMigrationMissingException(missing);
        }

        return rows.Select(a => _catalog.Find(a.Version)!).ToArray();
    }

    private string KnownVersions() =>
        _catalog.Migrations.Count == 0 ? "none" : string.Join(", ", _catalog.Migrations.Select(m => m.Version));
}
