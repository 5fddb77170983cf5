using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Peers;
using MigrationKit.Benchmarks.Support;
using FluentMigratorRunner = FluentMigrator.Runner.IMigrationRunner;

namespace MigrationKit.Benchmarks.Startup;

/// <summary>
/// Scenario 1, nothing pending at startup: a database with 500 applied migrations, and the time from "runner built"
/// to "up to date confirmed". MigrationKit against EF Core's <c>MigrateAsync</c> over 500 equivalent migrations, against
/// FluentMigrator, DbUp and Evolve over the same 500 migrations as SQL (<see cref="ChainScripts"/>), and against reading
/// the highest applied version with raw ADO.NET (the limit: one query, no checks).
/// </summary>
/// <remarks>
/// Every call starts with a new runner (a new EF Core context), as an application's startup does; the process-wide
/// caches of both libraries (MigrationKit's assembly scan, EF Core's model and service provider) are warm, as they
/// are after the first start in a process. <c>MigrationKit, runner reused</c> calls the same runner again, which
/// also keeps the runner's own cache of recorded operations and checksums. What the peers check: FluentMigrator and DbUp
/// compare versions or script names with their history table; Evolve, like MigrationKit, also verifies the checksum of
/// every applied script. Each peer gets a new runner per call too: a new service provider (FluentMigrator), upgrade
/// engine (DbUp) or <c>Evolve</c> instance.
/// </remarks>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 15)]
public class NothingPendingBenchmarks
{
    private BenchmarkDatabase _kitDatabase = null!;
    private BenchmarkDatabase _efDatabase = null!;
    private BenchmarkDatabase _fluentMigratorDatabase = null!;
    private BenchmarkDatabase _dbUpDatabase = null!;
    private BenchmarkDatabase _evolveDatabase = null!;
    private DbContextOptions<ChainContext> _efOptions = null!;
    private IMigrationRunner _reused = null!;

    /// <summary>The database engine.</summary>
    [Params(DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql)]
    public DatabaseEngine Engine { get; set; }

    /// <summary>Applies the 500 MigrationKit migrations one transaction each, leaving the history and journal a real deployment leaves.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    [GlobalSetup(Targets = [nameof(RawReadHighestVersion), nameof(MigrationKitNewRunner), nameof(MigrationKitNewRunnerFromConnectionString), nameof(MigrationKitNewRunnerNoChecksums), nameof(MigrationKitRunnerReused)])]
    public async Task SetUpMigrationKitAsync()
    {
        _kitDatabase = BenchmarkDatabase.Create(Engine);
        await using (var runner = Runner(_kitDatabase))
        {
            var result = await runner.MigrateUpAsync();
            Check.That(result.ToVersion == ChainSchema.Count, $"setup applied up to {result.ToVersion}");
        }

        _reused = Runner(_kitDatabase);
        Check.That((await _reused.MigrateUpAsync()).NothingToDo, "the reused runner found work to do");
    }

    /// <summary>Applies the 500 EF Core migrations.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    [GlobalSetup(Target = nameof(EfCoreMigrate))]
    public async Task SetUpEfCoreAsync()
    {
        _efDatabase = BenchmarkDatabase.Create(Engine);
        _efOptions = _efDatabase.EfOptions<ChainContext>();
        await using var context = new ChainContext(_efOptions);
        await context.Database.MigrateAsync();
        Check.That((await context.Database.GetAppliedMigrationsAsync()).Count() == ChainSchema.Count, "EF Core setup did not apply every migration");
    }

    /// <summary>Applies the 500 FluentMigrator migrations, one transaction each.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    [GlobalSetup(Target = nameof(FluentMigratorNewRunner))]
    public async Task SetUpFluentMigratorAsync()
    {
        await CheckScriptsAsync();
        _fluentMigratorDatabase = BenchmarkDatabase.Create(Engine);
        using var services = FluentMigratorPeer.Services(Engine, _fluentMigratorDatabase.ConnectionString);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<FluentMigratorRunner>();
        runner.MigrateUp();
        Check.That(!runner.HasMigrationsToApplyUp(), "FluentMigrator setup did not apply every migration");
    }

    /// <summary>Runs the 500 scripts with DbUp, one transaction each.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    [GlobalSetup(Target = nameof(DbUpNewEngine))]
    public async Task SetUpDbUpAsync()
    {
        await CheckScriptsAsync();
        _dbUpDatabase = BenchmarkDatabase.Create(Engine);
        Check.That(DbUpPeer.Run(DbUpPeer.Create(Engine, _dbUpDatabase.ConnectionString, ChainSchema.Count)) == ChainSchema.Count, "DbUp setup did not run every script");
    }

    /// <summary>Runs the 500 scripts with Evolve, one transaction each.</summary>
    /// <returns>A task that completes when the database is ready.</returns>
    [GlobalSetup(Target = nameof(EvolveNewInstance))]
    public async Task SetUpEvolveAsync()
    {
        await CheckScriptsAsync();
        _evolveDatabase = BenchmarkDatabase.Create(Engine);
        await using var connection = _evolveDatabase.CreateConnection();
        Check.That(EvolvePeer.Migrate(connection, Engine, ChainSchema.Count) == ChainSchema.Count, "Evolve setup did not apply every script");
    }

    /// <summary>Deletes the databases.</summary>
    /// <returns>A task that completes when they are gone.</returns>
    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        if (_reused is not null)
        {
            await _reused.DisposeAsync();
        }

        if (Engine == DatabaseEngine.PostgreSql && _kitDatabase is not null)
        {
            // The pool the connection-string runners shared, closed before the database is dropped.
            PostgreSql.PostgreSqlSharedDataSources.Clear(_kitDatabase.ConnectionString);
        }

        _kitDatabase?.Dispose();
        _efDatabase?.Dispose();
        _fluentMigratorDatabase?.Dispose();
        _dbUpDatabase?.Dispose();
        _evolveDatabase?.Dispose();
    }

    /// <summary>The limit: open a connection and read the highest applied version.</summary>
    /// <returns>The version.</returns>
    [Benchmark(Baseline = true, Description = "raw ADO.NET: SELECT MAX(version)")]
    public async Task<long> RawReadHighestVersion()
    {
        await using var connection = await _kitDatabase.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM __migrationkit_history";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>MigrationKit as an application starts: build a runner, migrate, find nothing to do.</summary>
    /// <returns>The version the database is at.</returns>
    [Benchmark(Description = "MigrationKit: new runner, MigrateUpAsync")]
    public async Task<long> MigrationKitNewRunner()
    {
        await using var runner = Runner(_kitDatabase);
        var result = await runner.MigrateUpAsync();
        return result.NothingToDo ? result.ToVersion : throw new InvalidOperationException("Something was pending.");
    }

    /// <summary>
    /// MigrationKit as the README shows it: a new runner per call built from the connection string
    /// (<c>UsePostgreSql(connectionString)</c> / <c>UseSqlite(connectionString)</c>) rather than from the data source the
    /// other cases share, so PostgreSQL's figure includes whatever a runner pays to get its first connection.
    /// </summary>
    /// <returns>The version the database is at.</returns>
    [Benchmark(Description = "MigrationKit: new runner per call, from the connection string")]
    public async Task<long> MigrationKitNewRunnerFromConnectionString()
    {
        var builder = Engine == DatabaseEngine.PostgreSql
            ? new MigrationRunnerBuilder().UsePostgreSql(_kitDatabase.ConnectionString)
            : new MigrationRunnerBuilder().UseSqlite(_kitDatabase.ConnectionString);
        await using var runner = builder
            .AddMigrationsFrom(typeof(ChainMigration).Assembly, typeof(Chain.Kit.Chain0001).Namespace)
            .Build();
        var result = await runner.MigrateUpAsync();
        return result.NothingToDo ? result.ToVersion : throw new InvalidOperationException("Something was pending.");
    }

    /// <summary>
    /// MigrationKit told not to verify the checksums of applied migrations (<c>VerifyChecksums = false</c>): what
    /// EF Core does, which compares migration ids only.
    /// </summary>
    /// <returns>The version the database is at.</returns>
    [Benchmark(Description = "MigrationKit: new runner, VerifyChecksums=false")]
    public async Task<long> MigrationKitNewRunnerNoChecksums()
    {
        await using var runner = Runner(_kitDatabase, verifyChecksums: false);
        var result = await runner.MigrateUpAsync();
        return result.NothingToDo ? result.ToVersion : throw new InvalidOperationException("Something was pending.");
    }

    /// <summary>MigrationKit, the same runner called again.</summary>
    /// <returns>The version the database is at.</returns>
    [Benchmark(Description = "MigrationKit: runner reused, MigrateUpAsync")]
    public async Task<long> MigrationKitRunnerReused()
    {
        var result = await _reused.MigrateUpAsync();
        return result.NothingToDo ? result.ToVersion : throw new InvalidOperationException("Something was pending.");
    }

    /// <summary>EF Core as an application starts: a new context, <c>MigrateAsync</c>, nothing to do.</summary>
    /// <returns>A task that completes when EF Core has confirmed the database is up to date.</returns>
    [Benchmark(Description = "EF Core: new context, MigrateAsync")]
    public async Task EfCoreMigrate()
    {
        await using var context = new ChainContext(_efOptions);
        await context.Database.MigrateAsync();
    }

    /// <summary>FluentMigrator as an application starts: a new service provider and runner, <c>MigrateUp</c>, nothing to do.</summary>
    [Benchmark(Description = "FluentMigrator: new runner, MigrateUp")]
    public void FluentMigratorNewRunner()
    {
        using var services = FluentMigratorPeer.Services(Engine, _fluentMigratorDatabase.ConnectionString);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<FluentMigratorRunner>().MigrateUp();
    }

    /// <summary>DbUp as an application starts: a new upgrade engine over the 500 scripts, <c>PerformUpgrade</c>, nothing to do.</summary>
    /// <returns>The number of scripts run (none).</returns>
    [Benchmark(Description = "DbUp: new engine, PerformUpgrade")]
    public int DbUpNewEngine() =>
        DbUpPeer.Run(DbUpPeer.Create(Engine, _dbUpDatabase.ConnectionString, ChainSchema.Count)) == 0 ? 0 : throw new InvalidOperationException("Something was pending.");

    /// <summary>Evolve as an application starts: a new <c>Evolve</c> on a new connection, <c>Migrate</c>, nothing to do.</summary>
    /// <returns>The number of migrations applied (none).</returns>
    [Benchmark(Description = "Evolve: new instance, Migrate")]
    public async Task<int> EvolveNewInstance()
    {
        await using var connection = _evolveDatabase.CreateConnection();
        return EvolvePeer.Migrate(connection, Engine, ChainSchema.Count) == 0 ? 0 : throw new InvalidOperationException("Something was pending.");
    }

    /// <summary>Checks that the peers' scripts are MigrationKit's SQL for the whole chain.</summary>
    private async Task CheckScriptsAsync()
    {
        using var empty = BenchmarkDatabase.Create(Engine);
        await using var runner = Runner(empty);
        ChainScripts.CheckAgainst(Engine, (await runner.ScriptAsync(ChainSchema.Count)).Steps);
    }

    private static IMigrationRunner Runner(BenchmarkDatabase database, bool verifyChecksums = true) =>
        database.Runner()
            .AddMigrationsFrom(typeof(ChainMigration).Assembly, typeof(Chain.Kit.Chain0001).Namespace)
            .Configure(o =>
            {
                o.VerifyChecksums = verifyChecksums;
            })
            .Build();
}
