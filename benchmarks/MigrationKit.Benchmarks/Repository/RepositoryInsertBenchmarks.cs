using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dapper;
using MigrationKit.Benchmarks.Support;
using MigrationKit.Specification.Migrations.AgentSystem;

namespace MigrationKit.Benchmarks.Repository;

/// <summary>
/// Scenario 5, repository inserts into the agents table of the agent-system scenario (its first migration, the
/// same file the SQLite tests use): 100 and 100,000 rows. MigrationKit has no repository or bulk API yet; its only
/// way to write rows is <c>MigrationBuilder.InsertData</c> inside a migration, so that is what is measured: a new
/// runner applying one pending migration that inserts the rows (multi-row <c>INSERT … VALUES</c> statements, with
/// the history, journal and checks of any migration). The reference is raw ADO.NET with one prepared statement in a
/// transaction (the fast path on SQLite); Dapper's <c>ExecuteAsync</c> over the rows in a transaction is the
/// everyday baseline.
/// </summary>
/// <remarks>
/// Each call starts from an empty agents table (emptied in an iteration setup, not measured) on a SQLite file or a
/// PostgreSQL database. On PostgreSQL the reference is the same prepared statement per row (Npgsql pipelines nothing
/// here: one round trip per row).
/// </remarks>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Monitoring, warmupCount: 3, iterationCount: 20)]
public class RepositoryInsertBenchmarks
{
    private const string Insert = "INSERT INTO agents (name, status) VALUES (@Name, @Status)";

    private BenchmarkDatabase _database = null!;
    private AgentRow[] _rows = null!;
    private Type _insertMigration = null!;

    /// <summary>The database engine.</summary>
    [Params(DatabaseEngine.Sqlite, DatabaseEngine.PostgreSql)]
    public DatabaseEngine Engine { get; set; }

    /// <summary>How many agents each call inserts.</summary>
    [Params(100, 100_000)]
    public int Rows { get; set; }

    /// <summary>Creates the agent-system tables with MigrationKit.</summary>
    /// <returns>A task that completes when the tables exist.</returns>
    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _rows = AgentRows.Create(Rows);
        _insertMigration = Rows switch
        {
            100 => typeof(InsertHundredAgents),
            100_000 => typeof(InsertHundredThousandAgents),
            _ => throw new InvalidOperationException($"No insert migration for {Rows} rows."),
        };
        _database = BenchmarkDatabase.Create(Engine);
        await using var runner = _database.Runner().AddMigrations(typeof(CreateAgentsWorkflowsAndTasks)).Build();
        await runner.MigrateUpAsync();
    }

    /// <summary>Deletes the database.</summary>
    [GlobalCleanup]
    public void CleanUp() => _database.Dispose();

    /// <summary>Empties the agents table and forgets the insert migration, so the next call starts alike.</summary>
    [IterationSetup]
    public void EmptyAgents()
    {
        _database.EmptyTableAsync("agents").GetAwaiter().GetResult();
        _database.ExecuteAsync("DELETE FROM __migrationkit_history WHERE version >= 202611230000").GetAwaiter().GetResult();
    }

    /// <summary>The reference: one prepared statement, executed per row, in one transaction.</summary>
    /// <returns>The number of rows inserted.</returns>
    [Benchmark(Baseline = true, Description = "raw ADO.NET: prepared INSERT in a transaction")]
    public async Task<int> RawPreparedInsert()
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        var name = command.CreateParameter();
        name.ParameterName = "@Name";
        name.DbType = System.Data.DbType.String;
        command.Parameters.Add(name);
        var status = command.CreateParameter();
        status.ParameterName = "@Status";
        status.DbType = System.Data.DbType.String;
        command.Parameters.Add(status);
        await command.PrepareAsync();
        var inserted = 0;
        foreach (var row in _rows)
        {
            name.Value = row.Name;
            status.Value = row.Status;
            inserted += await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return inserted;
    }

    /// <summary>Dapper: <c>ExecuteAsync</c> with the rows as parameters, in one transaction.</summary>
    /// <returns>The number of rows inserted.</returns>
    [Benchmark(Description = "Dapper: ExecuteAsync(rows) in a transaction")]
    public async Task<int> DapperInsert()
    {
        await using var connection = await _database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var inserted = await connection.ExecuteAsync(Insert, _rows, transaction);
        await transaction.CommitAsync();
        return inserted;
    }

    /// <summary>MigrationKit: a new runner applies the one pending migration, whose Up is <c>InsertData</c> of the rows.</summary>
    /// <returns>The number of migrations applied (1).</returns>
    [Benchmark(Description = "MigrationKit: migration with InsertData")]
    public async Task<int> MigrationKitInsertData()
    {
        await using var runner = _database.Runner().AddMigrations(typeof(CreateAgentsWorkflowsAndTasks), _insertMigration).Build();
        var result = await runner.MigrateUpAsync();
        return result.Steps.Count == 1 ? result.Steps.Count : throw new InvalidOperationException("The insert migration did not run.");
    }
}
