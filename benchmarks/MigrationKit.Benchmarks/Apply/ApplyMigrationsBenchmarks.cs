using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FluentMigrator.Runner;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Peers;
using MigrationKit.Benchmarks.Support;
using FluentMigratorRunner = FluentMigrator.Runner.IMigrationRunner;

namespace MigrationKit.Benchmarks.Apply;

/// <summary>
/// Scenario 2, apply 200 migrations to an empty database; each creates a table with six columns, a foreign key to
/// the previous table and an index. MigrationKit against EF Core; against FluentMigrator, DbUp and Evolve running the
/// very SQL MigrationKit generates (<see cref="ChainScripts"/>), one transaction per migration; and against raw ADO.NET
/// running that SQL, one transaction per migration with a history insert (the limit).
/// </summary>
/// <remarks>
/// Each call gets a new empty database file (made in an iteration setup, not measured), so one iteration is one
/// call. On a file the commits' <c>fsync</c>s are part of what is measured, exactly as in production.
/// </remarks>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20)]
public class ApplyMigrationsBenchmarks
{
    /// <summary>How many migrations each call applies.</summary>
    public const int Migrations = 200;

    private IReadOnlyList<MigrationScriptStep> _script = null!;
    private BenchmarkDatabase _database = null!;

    /// <summary>The database engine.</summary>
    [Params(DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql)]
    public DatabaseEngine Engine { get; set; }

    /// <summary>Takes the SQL of the 200 migrations from MigrationKit's dry run, for the raw ADO.NET baseline.</summary>
    /// <returns>A task that completes when the script is ready.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        using var database = BenchmarkDatabase.Create(Engine);
        await using var runner = Runner(database);
        _script = (await runner.ScriptAsync(Migrations)).Steps;
        Check.That(_script.Count == Migrations && _script.All(s => s.Statements.Count == 2), "the script is not 200 steps of two statements");
        ChainScripts.CheckAgainst(Engine, _script);
    }

    /// <summary>A new empty database for the next call.</summary>
    [IterationSetup]
    public void CreateDatabase() => _database = BenchmarkDatabase.Create(Engine);

    /// <summary>Deletes the database of the last call.</summary>
    [IterationCleanup]
    public void DeleteDatabase() => _database.Dispose();

    /// <summary>The limit: the same statements, one transaction per migration, each with its history row.</summary>
    /// <returns>The number of migrations applied.</returns>
    [Benchmark(Baseline = true, Description = "raw ADO.NET: same SQL, tx + history row each")]
    public async Task<int> RawAdoNet()
    {
        await using var connection = await _database.OpenAsync();
        await RawSteps.ExecuteAsync(connection, null, RawSteps.CreateHistory);
        foreach (var step in _script)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var statement in step.Statements)
            {
                await RawSteps.ExecuteAsync(connection, transaction, statement);
            }

            await RawSteps.InsertHistoryAsync(connection, transaction, step.Version);
            await transaction.CommitAsync();
        }

        return _script.Count;
    }

    /// <summary>
    /// Not a target, an explanation: raw ADO.NET doing by hand the per-migration work MigrationKit's guarantees ask for
    /// beyond the statements and the history row: a "started" journal row committed on its own before the migration (the
    /// trace a killed step leaves), the re-check of the history row inside the migration's transaction (the point that
    /// makes concurrent runners apply it once), a journal row with the history row, and on SQLite the foreign-key check
    /// of the new table before commit. The gap between this and raw is what the guarantees cost; between this and
    /// MigrationKit, MigrationKit's own code.
    /// </summary>
    /// <returns>The number of migrations applied.</returns>
    [Benchmark(Description = "raw ADO.NET + started entry, re-check, journal row, FK check")]
    public async Task<int> RawAdoNetWithProtocol()
    {
        await using var connection = await _database.OpenAsync();
        await RawSteps.ExecuteAsync(connection, null, RawSteps.CreateHistory);
        await RawSteps.ExecuteAsync(connection, null, RawSteps.CreateJournal(Engine));
        foreach (var step in _script)
        {
            await RawSteps.JournalAsync(connection, null, step.Version, "started");
            await using var transaction = await connection.BeginTransactionAsync();
            Check.That(!await RawSteps.IsAppliedAsync(connection, transaction, step.Version), "the migration was applied already");
            foreach (var statement in step.Statements)
            {
                await RawSteps.ExecuteAsync(connection, transaction, statement);
            }

            await RawSteps.InsertHistoryAsync(connection, transaction, step.Version);
            await RawSteps.JournalAsync(connection, transaction, step.Version, "up");
            if (Engine == DatabaseEngine.Sqlite)
            {
                await RawSteps.ForeignKeyCheckAsync(connection, transaction, $"PRAGMA foreign_key_check(\"{ChainSchema.Table((int)step.Version)}\")");
            }

            await transaction.CommitAsync();
        }

        return _script.Count;
    }

    /// <summary>MigrationKit with its defaults: one transaction per migration, history and journal rows, checks.</summary>
    /// <returns>The number of migrations applied.</returns>
    [Benchmark(Description = "MigrationKit: MigrateUpAsync(200)")]
    public async Task<int> MigrationKit()
    {
        await using var runner = Runner(_database);
        var result = await runner.MigrateUpAsync(Migrations);
        return result.Steps.Count == Migrations ? result.Steps.Count : throw new InvalidOperationException("Not every migration was applied.");
    }

    /// <summary>
    /// MigrationKit with <c>RunTransaction = AllOrNothing</c>: the whole run in one transaction, which is what EF Core's
    /// <c>MigrateAsync</c> does (one commit, so one set of <c>fsync</c>s instead of 200).
    /// </summary>
    /// <returns>The number of migrations applied.</returns>
    [Benchmark(Description = "MigrationKit: MigrateUpAsync(200), AllOrNothing")]
    public async Task<int> MigrationKitAllOrNothing()
    {
        await using var runner = Runner(_database, MigrationRunTransaction.AllOrNothing);
        var result = await runner.MigrateUpAsync(Migrations);
        return result.Steps.Count == Migrations ? result.Steps.Count : throw new InvalidOperationException("Not every migration was applied.");
    }

    /// <summary>EF Core's <c>MigrateAsync</c> up to the 200th migration.</summary>
    /// <returns>A task that completes when the migrations are applied.</returns>
    [Benchmark(Description = "EF Core: MigrateAsync(200th)")]
    public async Task EfCore()
    {
        await using var context = new ChainContext(_database.EfOptions<ChainContext>());
        await context.GetService<IMigrator>().MigrateAsync(EfChainMigration.Id(Migrations));
    }

    /// <summary>FluentMigrator's <c>MigrateUp</c> to version 200, one transaction per migration (its default).</summary>
    /// <returns>The number of migrations applied.</returns>
    [Benchmark(Description = "FluentMigrator: MigrateUp(200)")]
    public int FluentMigratorMigrateUp()
    {
        using var services = FluentMigratorPeer.Services(Engine, _database.ConnectionString);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<FluentMigratorRunner>();
        runner.MigrateUp(Migrations);
        var applied = scope.ServiceProvider.GetRequiredService<IVersionLoader>().VersionInfo.AppliedMigrations().Count();
        return applied == Migrations ? applied : throw new InvalidOperationException("Not every migration was applied.");
    }

    /// <summary>DbUp running the first 200 scripts, one transaction per script.</summary>
    /// <returns>The number of scripts run.</returns>
    [Benchmark(Description = "DbUp: PerformUpgrade(first 200), tx per script")]
    public int DbUpPerformUpgrade() =>
        DbUpPeer.Run(DbUpPeer.Create(Engine, _database.ConnectionString, Migrations)) is Migrations ? Migrations : throw new InvalidOperationException("Not every script was run.");

    /// <summary>Evolve migrating to version 200, one transaction per script.</summary>
    /// <returns>The number of migrations applied.</returns>
    [Benchmark(Description = "Evolve: Migrate(target 200), CommitEach")]
    public async Task<int> EvolveMigrate()
    {
        await using var connection = _database.CreateConnection();
        return EvolvePeer.Migrate(connection, Engine, Migrations) is Migrations ? Migrations : throw new InvalidOperationException("Not every migration was applied.");
    }

    private static IMigrationRunner Runner(BenchmarkDatabase database, MigrationRunTransaction transaction = MigrationRunTransaction.PerMigration) =>
        database.Runner()
            .AddMigrationsFrom(typeof(ChainMigration).Assembly, typeof(Chain.Kit.Chain0001).Namespace)
            .Configure(o => o.RunTransaction = transaction)
            .Build();
}
