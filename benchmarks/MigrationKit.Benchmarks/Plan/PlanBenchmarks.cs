using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Support;

namespace MigrationKit.Benchmarks.Plan;

/// <summary>
/// Planning with risk before acting: a database with 100 tables (the first 100 chain migrations applied) and 200 pending
/// migrations (chain 101 to 300, each a new table with a foreign key to the one before and an index). The dry run
/// (<c>ScriptAsync</c>: the SQL only) is the baseline; <c>PlanAsync</c> scripts the same steps and adds the rules, one
/// statistics round trip for the whole plan, the journal read for estimates, and the report.
/// </summary>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Throughput, warmupCount: 2, iterationCount: 10)]
public class PlanBenchmarks
{
    private const long Applied = 100;
    private const long Target = 300;
    private BenchmarkDatabase _database = null!;
    private IMigrationRunner _runner = null!;

    /// <summary>The database engine.</summary>
    [Params(DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql)]
    public DatabaseEngine Engine { get; set; }

    /// <summary>Applies the first 100 chain migrations.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _database = BenchmarkDatabase.Create(Engine);
        _runner = _database.Runner().AddMigrationsFrom(typeof(ChainMigration).Assembly, typeof(Chain.Kit.Chain0001).Namespace).Build();
        Check.That((await _runner.MigrateUpAsync(Applied)).ToVersion == Applied, "setup did not apply 100 migrations");
        var plan = await _runner.PlanAsync(Target);
        Check.That(plan.Steps.Count == Target - Applied, $"the plan has {plan.Steps.Count} steps");
        Check.That(plan.Statistics?.RoundTrips == 1, "the statistics took more than one round trip");
    }

    /// <summary>Deletes the database.</summary>
    /// <returns>A task that completes when it is gone.</returns>
    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _runner.DisposeAsync();
        _database.Dispose();
    }

    /// <summary>The dry run of the 200 pending migrations.</summary>
    /// <returns>The number of steps.</returns>
    [Benchmark(Baseline = true, Description = "ScriptAsync: 200 pending")]
    public async Task<int> Script() => (await _runner.ScriptAsync(Target)).Steps.Count;

    /// <summary>The plan with its risk of the same 200 migrations.</summary>
    /// <returns>The number of steps.</returns>
    [Benchmark(Description = "PlanAsync: 200 pending, graded")]
    public async Task<int> Plan() => (await _runner.PlanAsync(Target)).Steps.Count;
}
