using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationKit.Fleet.Diagnostics;

namespace MigrationKit.Fleet;

/// <summary>
/// Runs the same migrations over many databases (one per tenant, region or shard): at most
/// <see cref="FleetRunOptions.MaxParallelism"/> at once, optional canaries first, going on past a failing target, and
/// reporting each target's versions before and after, outcome, duration and error. Each target keeps its own lock,
/// history and journal: the fleet only calls each target's <see cref="IMigrationRunner"/>.
/// </summary>
public sealed class MigrationFleet
{
    private readonly Func<FleetTarget, IMigrationRunner> _runnerFactory;
    private readonly ILogger _logger;

    /// <summary>Creates a fleet whose runners come from <paramref name="runnerFactory"/>.</summary>
    /// <param name="runnerFactory">
    /// Builds the runner of one target, typically <c>t => new MigrationRunnerBuilder().UsePostgreSql(t.ConnectionString).AddMigrationsFrom(assembly).Build()</c>;
    /// the fleet disposes each runner when its target is done. Called once per target, on the thread pool.
    /// </param>
    /// <param name="loggerFactory">Where the fleet logs, or <see langword="null"/> for nowhere.</param>
    public MigrationFleet(Func<FleetTarget, IMigrationRunner> runnerFactory, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(runnerFactory);
        _runnerFactory = runnerFactory;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MigrationKit.Fleet");
    }

    /// <summary>Migrates every target: canaries first (all of them, in parallel), then, if none failed, the others.</summary>
    /// <param name="targets">The targets, with unique names; the report keeps their order.</param>
    /// <param name="options">Parallelism, canaries and target version, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run: migrations in progress roll back, no new target starts.</param>
    /// <returns>The report; a failing target does not throw.</returns>
    /// <exception cref="ArgumentException">There are no targets, or two share a name.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<FleetReport> RunAsync(IEnumerable<FleetTarget> targets, FleetRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        options ??= new FleetRunOptions();
        var all = targets.ToArray();
        if (all.Length == 0)
        {
            throw new ArgumentException("A fleet run needs at least one target.", nameof(targets));
        }

        var duplicates = all.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
        {
            throw new ArgumentException($"Fleet target names must be unique; repeated: {string.Join(", ", duplicates)}.", nameof(targets));
        }

        var canaries = Math.Min(options.Canaries, all.Length);
        Log.FleetStarting(_logger, all.Length, canaries, options.MaxParallelism);
        var results = new FleetTargetResult[all.Length];
        await RunManyAsync(all, 0, canaries, isCanary: true, results, options, cancellationToken).ConfigureAwait(false);
        var failedCanaries = results.Take(canaries).Count(r => r.Outcome == FleetOutcome.Failed);
        if (failedCanaries > 0)
        {
            for (var i = canaries; i < all.Length; i++)
            {
                results[i] = new FleetTargetResult(all[i].Name, false, FleetOutcome.Skipped, null, null, [], TimeSpan.Zero, null);
            }

            Log.CanaryFailed(_logger, failedCanaries, all.Length - canaries);
        }
        else
        {
            await RunManyAsync(all, canaries, all.Length, isCanary: false, results, options, cancellationToken).ConfigureAwait(false);
        }

        Log.FleetCompleted(
            _logger,
            results.Count(r => r.Outcome == FleetOutcome.Migrated),
            results.Count(r => r.Outcome == FleetOutcome.UpToDate),
            results.Count(r => r.Outcome == FleetOutcome.Failed),
            results.Count(r => r.Outcome == FleetOutcome.Skipped));
        return new FleetReport(results);
    }

    private Task RunManyAsync(FleetTarget[] targets, int from, int to, bool isCanary, FleetTargetResult[] results, FleetRunOptions options, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        return Parallel.ForEachAsync(
            Enumerable.Range(from, to - from),
            parallel,
            async (index, token) => results[index] = await RunOneAsync(targets[index], isCanary, options.TargetVersion, token).ConfigureAwait(false));
    }

    private async Task<FleetTargetResult> RunOneAsync(FleetTarget target, bool isCanary, long? targetVersion, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long? before = null;
        IMigrationRunner? runner = null;
        try
        {
            runner = _runnerFactory(target);
            before = (await runner.GetStatusAsync(cancellationToken).ConfigureAwait(false)).CurrentVersion;
            var result = await runner.MigrateUpAsync(targetVersion, cancellationToken).ConfigureAwait(false);
            var outcome = result.NothingToDo ? FleetOutcome.UpToDate : FleetOutcome.Migrated;
            Log.TargetMigrated(_logger, target.Name, outcome, before.Value, result.ToVersion, clock.ElapsedMilliseconds);
            return new FleetTargetResult(target.Name, isCanary, outcome, before, result.ToVersion, result.Steps.Select(s => s.Version).ToArray(), clock.Elapsed, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.TargetFailed(_logger, target.Name, exception);
            long? after = null;
            var applied = Array.Empty<long>();
            if (runner is not null)
            {
                try
                {
                    var status = await runner.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                    after = status.CurrentVersion;
                    applied = before is { } b ? status.Applied.Where(m => m.Version > b).Select(m => m.Version).Order().ToArray() : [];
                }
                catch (Exception statusError) when (statusError is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The database cannot be read (the cause is usually the same as the failure's): the version after stays unknown.
                }
            }

            return new FleetTargetResult(target.Name, isCanary, FleetOutcome.Failed, before, after, applied, clock.Elapsed, exception);
        }
        finally
        {
            if (runner is not null)
            {
                await runner.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
