using System.Reflection;
using System.Runtime.Loader;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using MigrationKit.Benchmarks.Support;

namespace MigrationKit.Benchmarks.Discovery;

/// <summary>
/// Scenario 4, discovery of 2,000 migration classes (generated, in the assembly MigrationKit.Benchmarks.Discovery):
/// what <c>MigrationRunnerBuilder.Build()</c> costs, which is where discovery happens. No database is touched:
/// building a runner opens no connection.
/// </summary>
/// <remarks>
/// <para><b>First call.</b> MigrationKit caches each assembly's scan for the process, so a first call must see an
/// assembly it has never seen: each call loads a fresh copy of the migrations assembly into a new collectible
/// <see cref="AssemblyLoadContext"/>, builds a runner over it, and unloads the context. The load is measured too,
/// so the reference for first calls is the same load followed by the least any discovery must do by reflection
/// (every type, its <c>[Migration]</c> attribute, sorted by version). What neither measures: the JIT of MigrationKit's
/// own code and the disk read of the assembly, which a real process pays once on its very first call.</para>
/// <para><b>Cached call.</b> A runner built over the already-scanned assembly: the reference is the same hand-written
/// reflection scan done again (what a discovery without a cache pays every time).</para>
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[ScenarioJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
public class DiscoveryBenchmarks
{
    /// <summary>How many migration classes the assembly holds.</summary>
    public const int Migrations = 2000;

    private static readonly Assembly Loaded = typeof(DiscoveryMigration).Assembly;
    private static readonly string AssemblyPath = Loaded.Location;

    /// <summary>The database engine the runner is built for (no connection is opened).</summary>
    [Params(DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql)]
    public DatabaseEngine Engine { get; set; }

    /// <summary>Checks that every variant finds all 2,000 migrations.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        Check.That(Scan(Loaded) == Migrations, "the reflection scan did not find 2,000 migrations");
        Check.That(Build(Loaded) == Migrations, "MigrationKit did not find 2,000 migrations");
    }

    /// <summary>First call, reference: load a fresh copy, scan it by hand.</summary>
    /// <returns>The number of migrations found.</returns>
    [BenchmarkCategory("first call"), Benchmark(Baseline = true, Description = "fresh load + reflection scan")]
    public int FirstCallReflection() => InFreshContext(Scan);

    /// <summary>First call: load a fresh copy, build a MigrationKit runner over it.</summary>
    /// <returns>The number of migrations found.</returns>
    [BenchmarkCategory("first call"), Benchmark(Description = "fresh load + MigrationKit Build()")]
    public int FirstCallMigrationKit() => InFreshContext(Build);

    /// <summary>Cached call, reference: the hand-written scan again, on the loaded assembly.</summary>
    /// <returns>The number of migrations found.</returns>
    [BenchmarkCategory("cached call"), Benchmark(Baseline = true, Description = "reflection scan (no cache)")]
    public int CachedCallReflection() => Scan(Loaded);

    /// <summary>Cached call: a MigrationKit runner over the assembly it has already scanned.</summary>
    /// <returns>The number of migrations found.</returns>
    [BenchmarkCategory("cached call"), Benchmark(Description = "MigrationKit Build()")]
    public int CachedCallMigrationKit() => Build(Loaded);

    private static int InFreshContext(Func<Assembly, int> discover)
    {
        var context = new AssemblyLoadContext("discovery", isCollectible: true);
        try
        {
            // MigrationKit itself comes from the default context (the fresh one does not load it), so the types match.
            return discover(context.LoadFromAssemblyPath(AssemblyPath));
        }
        finally
        {
            context.Unload();
        }
    }

    private static int Scan(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMigration).IsAssignableFrom(t))
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()!)
            .OrderBy(a => a.Version)
            .Count();

    private int Build(Assembly assembly)
    {
        // Neither provider opens a connection here; the PostgreSQL one only builds its (unused) data source.
        var builder = Engine switch
        {
            DatabaseEngine.Sqlite => new MigrationRunnerBuilder().UseSqlite("Data Source=:memory:"),
            DatabaseEngine.PostgreSql => new MigrationRunnerBuilder().UsePostgreSql("Host=127.0.0.1;Username=postgres;Database=postgres"),
            _ => throw new InvalidOperationException($"No engine {Engine}."),
        };
        var runner = builder.AddMigrationsFrom(assembly).Build();
        try
        {
            return runner.Migrations.Count;
        }
        finally
        {
            // Nothing was opened, so this completes at once.
            runner.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
