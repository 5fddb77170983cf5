using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Peers;
using MigrationKit.Benchmarks.Support;
using FluentMigratorRunner = FluentMigrator.Runner.IMigrationRunner;

namespace MigrationKit.Benchmarks.Cycle;

/// <summary>
/// Scenario 3, what a test suite pays per fixture: on a new SQLite in-memory database, or a new PostgreSQL database,
/// apply 100 migrations, revert them all, apply them again. MigrationKit against the peers that have Down (EF Core over the
/// equivalent EF migrations; FluentMigrator running MigrationKit's Up SQL and the same Down statements), and against raw
/// ADO.NET running the same statements (MigrationKit's Up SQL, and <c>DROP INDEX</c> / <c>DROP TABLE</c> down), one
/// transaction per migration with a history row (the limit). DbUp and Evolve have no Down.
/// </summary>
/// <remarks>
/// In memory there is no <c>fsync</c> to hide behind: every statement, check and history write of the runner shows.
/// On PostgreSQL each call gets a throwaway database created in an iteration setup (not measured), so one iteration
/// is one call on both engines.
/// </remarks>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20)]
public class UpDownCycleBenchmarks
{
    /// <summary>How many migrations go up, down and up again.</summary>
    public const int Migrations = 100;

    private const string InMemory = "Data Source=:memory:";

    private IReadOnlyList<MigrationScriptStep> _up = null!;
    private string[][] _down = null!;
    private BenchmarkDatabase? _database;

    /// <summary>The database engine (SQLite in memory, or a new PostgreSQL database per call).</summary>
    [Params(DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql)]
    public DatabaseEngine Engine { get; set; }

    /// <summary>Takes the Up SQL of the 100 migrations from MigrationKit's dry run; Down drops the index and the table.</summary>
    /// <returns>A task that completes when the scripts are ready.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        CreateDatabase();
        await using (var runner = Runner())
        {
            _up = (await runner.ScriptAsync(Migrations)).Steps;
        }

        Check.That(_up.Count == Migrations, "the script does not have 100 steps");
        ChainScripts.CheckAgainst(Engine, _up);
        _down = _up.Select(step => ChainSchema.DownStatements((int)step.Version)).Reverse().ToArray();
        Check.That(_up[0].Statements[1].StartsWith("CREATE INDEX \"ix_chain_0001_previous_id\"", StringComparison.Ordinal), "unexpected index name: " + _up[0].Statements[1]);
        Check.That((await CycleWithMigrationKit()) == Migrations, "the MigrationKit cycle did not end with 100 migrations applied");
        DeleteDatabase();
        CreateDatabase();
        Check.That((await CycleWithRawAdoNet()) == Migrations, "the raw cycle did not end with 100 migrations applied");
        DeleteDatabase();
        CreateDatabase();
        Check.That((await CycleWithRawAdoNetAndProtocol()) == Migrations, "the raw cycle with the protocol did not end with 100 migrations applied");
        DeleteDatabase();
        CreateDatabase();
        Check.That(CycleWithFluentMigrator() == Migrations, "the FluentMigrator cycle did not end with 100 migrations applied");
        DeleteDatabase();
        CreateDatabase();
        Check.That((await CycleWithEfCore()) == Migrations, "the EF Core cycle did not end with 100 migrations applied");
        DeleteDatabase();
    }

    /// <summary>A new empty PostgreSQL database for the next call (SQLite's <c>:memory:</c> is new with every connection).</summary>
    [IterationSetup]
    public void CreateDatabase() => _database = Engine == DatabaseEngine.Sqlite ? null : BenchmarkDatabase.Create(Engine);

    /// <summary>Drops the PostgreSQL database of the last call.</summary>
    [IterationCleanup]
    public void DeleteDatabase()
    {
        _database?.Dispose();
        _database = null;
    }

    /// <summary>The limit: the same statements by hand, with a history table.</summary>
    /// <returns>The number of migrations applied at the end.</returns>
    [Benchmark(Baseline = true, Description = "raw ADO.NET: up, down, up (100)")]
    public async Task<long> CycleWithRawAdoNet()
    {
        await using var connection = await OpenAsync();
        await RawSteps.ExecuteAsync(connection, null, RawSteps.CreateHistory);
        await UpAsync(connection);
        for (var i = 0; i < _down.Length; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var statement in _down[i])
            {
                await RawSteps.ExecuteAsync(connection, transaction, statement);
            }

            await using (var history = connection.CreateCommand())
            {
                history.Transaction = transaction;
                history.CommandText = "DELETE FROM raw_history WHERE version = @version";
                RawSteps.Parameter(history, "@version", _up[_up.Count - 1 - i].Version);
                await history.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await UpAsync(connection);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM raw_history";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Not a target, an explanation: raw ADO.NET doing by hand the per-step work MigrationKit's design asks for
    /// beyond the statements and the history row: the re-check of the history row inside the transaction, the
    /// journal row, and the foreign-key check before commit (of the new table going up, of the whole database going
    /// down, as the SQLite provider does). The gap between this and MigrationKit is MigrationKit's own code.
    /// </summary>
    /// <returns>The number of migrations applied at the end.</returns>
    [Benchmark(Description = "raw ADO.NET + re-check, journal row, FK check")]
    public async Task<long> CycleWithRawAdoNetAndProtocol()
    {
        await using var connection = await OpenAsync();
        await RawSteps.ExecuteAsync(connection, null, RawSteps.CreateHistory);
        await RawSteps.ExecuteAsync(connection, null, RawSteps.CreateJournal(Engine));
        await UpAsync(connection, protocol: true);
        for (var i = 0; i < _down.Length; i++)
        {
            var version = _up[_up.Count - 1 - i].Version;
            await using var transaction = await connection.BeginTransactionAsync();
            await RawSteps.IsAppliedAsync(connection, transaction, version);
            foreach (var statement in _down[i])
            {
                await RawSteps.ExecuteAsync(connection, transaction, statement);
            }

            await using (var history = connection.CreateCommand())
            {
                history.Transaction = transaction;
                history.CommandText = "DELETE FROM raw_history WHERE version = @version";
                RawSteps.Parameter(history, "@version", version);
                await history.ExecuteNonQueryAsync();
            }

            await ProtocolAfterAsync(connection, transaction, version, "down", "PRAGMA foreign_key_check");
            await transaction.CommitAsync();
        }

        await UpAsync(connection, protocol: true);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM raw_history";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>MigrationKit: a new runner on <c>:memory:</c> (or the new PostgreSQL database), up, down to 0, up.</summary>
    /// <returns>The number of migrations applied at the end.</returns>
    [Benchmark(Description = "MigrationKit: up, down, up (100)")]
    public async Task<long> CycleWithMigrationKit()
    {
        await using var runner = Runner();
        await runner.MigrateUpAsync(Migrations);
        await runner.MigrateDownAsync(0);
        var result = await runner.MigrateUpAsync(Migrations);
        return result.Steps.Count;
    }

    /// <summary>
    /// FluentMigrator: a new runner on <c>:memory:</c> (or the new PostgreSQL database), <c>MigrateUp(100)</c>,
    /// <c>MigrateDown(0)</c>, <c>MigrateUp(100)</c>; one connection for the runner's life, so the in-memory database lives
    /// through the cycle.
    /// </summary>
    /// <returns>The number of migrations applied at the end, from FluentMigrator's own history.</returns>
    [Benchmark(Description = "FluentMigrator: up, down, up (100)")]
    public long CycleWithFluentMigrator()
    {
        using var services = FluentMigratorPeer.Services(Engine, _database?.ConnectionString ?? InMemory);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<FluentMigratorRunner>();
        runner.MigrateUp(Migrations);
        runner.MigrateDown(0);
        runner.MigrateUp(Migrations);
        return scope.ServiceProvider.GetRequiredService<IVersionLoader>().VersionInfo.AppliedMigrations().Count();
    }

    /// <summary>
    /// EF Core: a new context on an open <c>:memory:</c> connection (or the new PostgreSQL database), migrate to the
    /// 100th migration, to <c>0</c> (everything reverted), to the 100th again. Its Down drops the index, then the table.
    /// </summary>
    /// <returns>The number of migrations applied at the end.</returns>
    [Benchmark(Description = "EF Core: up, down, up (100)")]
    public async Task<long> CycleWithEfCore()
    {
        // Opened here: EF Core closes the connections it opens itself, which would drop an in-memory database between migrations.
        await using var memory = _database is null ? await OpenAsync() : null;
        var options = memory is null ? _database!.EfOptions<ChainContext>() : new DbContextOptionsBuilder<ChainContext>().UseSqlite(memory).Options;
        await using var context = new ChainContext(options);
        var migrator = context.GetService<IMigrator>();
        await migrator.MigrateAsync(EfChainMigration.Id(Migrations));
        await migrator.MigrateAsync(Microsoft.EntityFrameworkCore.Migrations.Migration.InitialDatabase);
        await migrator.MigrateAsync(EfChainMigration.Id(Migrations));
        return (await context.Database.GetAppliedMigrationsAsync()).Count();
    }

    private IMigrationRunner Runner() =>
        (_database?.Runner() ?? new MigrationRunnerBuilder().UseSqlite(InMemory)).AddMigrationsFrom(typeof(ChainMigration).Assembly, typeof(Chain.Kit.Chain0001).Namespace).Build();

    private async Task<DbConnection> OpenAsync()
    {
        if (_database is not null)
        {
            return await _database.OpenAsync();
        }

        var connection = new SqliteConnection(InMemory);
        await connection.OpenAsync();
        return connection;
    }

    private async Task ProtocolAfterAsync(DbConnection connection, DbTransaction transaction, long version, string action, string foreignKeyCheck)
    {
        await RawSteps.JournalAsync(connection, transaction, version, action);
        if (Engine == DatabaseEngine.Sqlite)
        {
            await RawSteps.ForeignKeyCheckAsync(connection, transaction, foreignKeyCheck);
        }
    }

    private async Task UpAsync(DbConnection connection, bool protocol = false)
    {
        foreach (var step in _up)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            if (protocol)
            {
                await RawSteps.IsAppliedAsync(connection, transaction, step.Version);
            }

            foreach (var statement in step.Statements)
            {
                await RawSteps.ExecuteAsync(connection, transaction, statement);
            }

            await RawSteps.InsertHistoryAsync(connection, transaction, step.Version);

            if (protocol)
            {
                await ProtocolAfterAsync(connection, transaction, step.Version, "up", $"PRAGMA foreign_key_check(\"{ChainSchema.Table((int)step.Version)}\")");
            }

            await transaction.CommitAsync();
        }
    }
}
