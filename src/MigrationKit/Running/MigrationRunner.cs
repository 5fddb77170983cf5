using Microsoft.Extensions.Logging;
using MigrationKit.Checkpoints;
using MigrationKit.Diagnostics;
using MigrationKit.Drift;
using MigrationKit.Execution;
using MigrationKit.Health;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Planning;
using MigrationKit.Providers;
using MigrationKit.Risk;
using MigrationKit.Rollback;
using MigrationKit.Runs;

namespace MigrationKit;

/// <summary>
/// The versioned runner: a facade that wires the services of one target and hands each call to the one that owns it.
/// The <see cref="MigrationPlanner"/> decides what to do from the history and the code; the
/// <see cref="MigrationExecutor"/> owns the session, lock, transactions and journal and carries plans out; the
/// <see cref="CheckpointService"/> takes checkpoints around runs and restores them; the <see cref="RollbackManager"/>
/// chooses and carries out the way back.
/// </summary>
internal sealed class MigrationRunner : IMigrationRunner, IDisposable
{
    private readonly MigrationProvider _provider;
    private readonly bool _ownsProvider;
    private readonly MigrationPlanner _planner;
    private readonly MigrationExecutor _executor;
    private readonly CheckpointService _checkpoints;
    private readonly DriftDetector _drift;
    private readonly RiskAssessor _risk;
    private readonly HealthInspector _health;
    private readonly ILogger _logger;

    public MigrationRunner(MigrationProvider provider, MigrationKitOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, IServiceProvider? services, bool ownsProvider)
    {
        _ownsProvider = ownsProvider;
        _provider = provider;
        var logger = loggerFactory.CreateLogger("MigrationKit.MigrationRunner");
        _logger = logger;
        var sqlFiles = options.SqlSources.Count == 0 ? SqlFiles.SqlMigrationSet.Empty : SqlFiles.SqlMigrationLoader.Load(options.SqlSources);
        var catalog = MigrationCatalog.Create(options.Sources, options.MigrationTypes, sqlFiles, options.Naming, services, options.ReuseRecordedMigrations);
        var notifier = new MigrationNotifier(options.Observers, services, logger, provider.Name);
        _planner = new MigrationPlanner(catalog, options);
        _executor = new MigrationExecutor(provider, _planner, options, logger, timeProvider, notifier);
        _risk = new RiskAssessor(provider, options, _executor.HistoryTables, timeProvider);
        _checkpoints = new CheckpointService(provider, options, _executor, notifier, logger, timeProvider, _risk);
        RollbackManager = new RollbackManager(provider, _planner, _executor, _checkpoints, logger, timeProvider);
        _drift = new DriftDetector(provider, _planner, _executor, options, timeProvider, logger);
        _health = new HealthInspector(provider, _executor, options.Health, timeProvider, logger);
        Migrations = catalog.Infos;
    }

    public IReadOnlyList<MigrationInfo> Migrations { get; }

    public IRollbackManager RollbackManager { get; }

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

        await ProviderDisposal.DisposeAsync(_provider).ConfigureAwait(false);
    }

    public Task<MigrationResult> MigrateUpAsync(long? targetVersion = null, CancellationToken cancellationToken = default) =>
        RunAsync(MigrationTarget.Up(targetVersion), cancellationToken);

    public Task<MigrationResult> MigrateDownAsync(long targetVersion, CancellationToken cancellationToken = default) =>
        RunAsync(MigrationTarget.DownTo(targetVersion), cancellationToken);

    public Task<MigrationResult> RollbackAsync(int steps = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        return RunAsync(MigrationTarget.Back(steps), cancellationToken);
    }

    public Task<MigrationStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        _executor.WithSessionAsync(lockDatabase: false, (session, history) => _executor.ReadStatusAsync(session, history, cancellationToken), cancellationToken);

    public async Task<MigrationStatus> ValidateAsync(CancellationToken cancellationToken = default)
    {
        var status = await GetStatusAsync(cancellationToken).ConfigureAwait(false);
        _planner.ThrowIfInvalid(status, verifyChecksums: true);
        return status;
    }

    public Task<IReadOnlyList<long>> RepairAsync(CancellationToken cancellationToken = default) =>
        _executor.RepairAsync(cancellationToken);

    public Task<IReadOnlyList<long>> BaselineAsync(long version, CancellationToken cancellationToken = default)
    {
        var steps = _planner.Baseline(version).Select(m => _planner.Step(m, MigrationDirection.Up)).ToArray();
        return _executor.BaselineAsync(version, steps, cancellationToken);
    }

    public Task<MigrationScript> ScriptAsync(long? targetVersion = null, CancellationToken cancellationToken = default)
    {
        // Validated before any session opens, as a run's target is.
        _planner.PlanScript(targetVersion, []);
        return _executor.WithSessionAsync(lockDatabase: false, async (session, history) =>
        {
            var applied = await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
                ? (await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.Version).ToHashSet()
                : [];
            var context = new ReplaySchemaContext(_provider, session, _executor.HistoryTables);
            var plan = await _planner.ScriptAsync(_planner.PlanScript(targetVersion, applied), _provider.SqlGenerator, context, cancellationToken).ConfigureAwait(false);
            var repeatables = new List<MigrationScriptStep>();
            if (_planner.IncludesRepeatables(targetVersion))
            {
                // Scripted after the versioned steps, against the schema they leave, as a run would apply them.
                foreach (var repeatable in await _executor.PendingRepeatablesAsync(session, cancellationToken).ConfigureAwait(false))
                {
                    var commands = new List<MigrationCommand>();
                    foreach (var operation in repeatable.Operations)
                    {
                        commands.AddRange(await _provider.SqlGenerator.GenerateCommandsAsync(operation, context, cancellationToken).ConfigureAwait(false));
                        await context.ApplyAsync(operation, cancellationToken).ConfigureAwait(false);
                    }

                    repeatables.Add(new MigrationScriptStep(0, repeatable.Description, MigrationDirection.Up, repeatable.Transactional, commands.Select(c => c.Sql).ToArray()) { Commands = commands });
                }
            }

            return new MigrationScript(plan.Steps.Select(s => new MigrationScriptStep(s.Version, s.Description, s.Direction, s.Transactional, s.Commands.Select(c => c.Sql).ToArray()) { Commands = s.Commands }).ToArray()) { Repeatables = repeatables };
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AppliedMigration>> GetHistoryAsync(CancellationToken cancellationToken = default) =>
        _executor.WithSessionAsync(lockDatabase: false, async (_, history) =>
            await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false) : [], cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default) =>
        _executor.WithSessionAsync(lockDatabase: false, async (_, history) =>
            await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await history.GetJournalAsync(cancellationToken).ConfigureAwait(false) : [], cancellationToken);

    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken = default) =>
        _executor.WithSessionAsync(lockDatabase: false, (session, _) => _executor.ReadSchemaAsync(session, cancellationToken), cancellationToken);

    public Task<ReversibilityReport> CheckReversibilityAsync(CancellationToken cancellationToken = default) =>
        new ReversibilityCheck(_planner, _executor).RunAsync(cancellationToken);

    public Task<DriftReport> DetectDriftAsync(CancellationToken cancellationToken = default) =>
        _drift.DetectAsync(cancellationToken);

    public Task<DatabaseHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        _health.InspectAsync(cancellationToken);

    public Task<MigrationPlanReport> PlanAsync(long? targetVersion = null, CancellationToken cancellationToken = default) =>
        PlanAsync(MigrationTarget.Up(targetVersion), cancellationToken);

    public Task<MigrationPlanReport> PlanDownAsync(long targetVersion, CancellationToken cancellationToken = default) =>
        PlanAsync(MigrationTarget.DownTo(targetVersion), cancellationToken);

    public Task<MigrationPlanReport> PlanRollbackAsync(int steps = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        return PlanAsync(MigrationTarget.Back(steps), cancellationToken);
    }

    public async Task<MigrationResult> ExecutePlanAsync(MigrationPlanReport plan, Func<PlanStepReport, CancellationToken, ValueTask<bool>>? approve = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var result = await _checkpoints.RunAsync(plan.Plan.Target, plan, approve, cancellationToken).ConfigureAwait(false);
        if (result.RunId == Guid.Empty && !plan.IsEmpty)
        {
            // The run found nothing left to do before it could compare plans: someone else carried out the plan meanwhile.
            throw new StalePlanException(plan.FromVersion, result.ToVersion, "every planned step was already carried out by another run");
        }

        return result;
    }

    public Task<IReadOnlyList<MigrationRun>> GetRunsAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        _executor.WithSessionAsync(lockDatabase: false, async (_, history) =>
            await history.ExistsAsync(cancellationToken).ConfigureAwait(false)
                ? RunRecords.Resolve(await history.GetRunsAsync(since, cancellationToken).ConfigureAwait(false), Environment.MachineName, RunRecords.IsProcessAlive)
                : [], cancellationToken);

    public async Task<RunStatistics> GetRunStatisticsAsync(DateTimeOffset? since = null, CancellationToken cancellationToken = default) =>
        RunRecords.Statistics(await GetRunsAsync(since, cancellationToken).ConfigureAwait(false), since);

    private Task<MigrationPlanReport> PlanAsync(MigrationTarget target, CancellationToken cancellationToken)
    {
        _planner.ValidateTarget(target);
        return _executor.WithSessionAsync(lockDatabase: false, async (session, history) =>
        {
            var applied = await history.ExistsAsync(cancellationToken).ConfigureAwait(false) ? await history.GetAppliedAsync(cancellationToken).ConfigureAwait(false) : [];
            _planner.Validate(applied);
            var plan = _planner.Plan(target, applied);
            var report = await _risk.AssessAsync(session, history, plan, RiskAssessor.Fingerprint(applied), cancellationToken).ConfigureAwait(false);
            Log.PlanAssessed(_logger, report.Steps.Count, report.Direction.ToString(), report.Target, _provider.DisplayName, report.Level.ToString(), report.Findings.Count, report.Statistics?.RoundTrips ?? 0);
            return report;
        }, cancellationToken);
    }

    private Task<MigrationResult> RunAsync(MigrationTarget target, CancellationToken cancellationToken)
    {
        _planner.ValidateTarget(target);
        return _checkpoints.RunAsync(target, cancellationToken);
    }
}
