using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dapper;
using Microsoft.Data.Sqlite;
using MigrationKit.Benchmarks.Support;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using Npgsql;

namespace MigrationKit.Benchmarks.DataMove;

/// <summary>
/// Issue 14's speed check: a legacy SQLite table (bigint key, text, Unix-millisecond timestamp, numeric text, 0/1
/// boolean, nullable text) into PostgreSQL with integer keys becoming UUIDs. The reference is a hand-written loop that
/// reads the same rows, converts them inline and writes them with one <see cref="NpgsqlBinaryImporter"/> (no id map,
/// no batches, no progress: the driver's fastest path). The data move writes the same rows plus one id-map row each, in
/// batches of 10,000 committed with their progress row. Dapper inserts row by row in one transaction (the naive
/// baseline; it gets a tenth of the rows, or it would take minutes: compare rows per second).
/// </summary>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class DataMoveBenchmarks : DataMoveTarget
{
    private string _sqlite = null!;

    /// <summary>Creates (or reuses) the SQLite source and creates the PostgreSQL target table.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        _sqlite = DataMoveSource.SqliteAsync(Rows).GetAwaiter().GetResult();
        CreateTarget();
    }

    /// <summary>Empties the target (and the move's control tables) before each call.</summary>
    [IterationSetup]
    public void Empty() => EmptyTarget();

    /// <summary>Drops the target database (the SQLite source stays for the next run).</summary>
    [GlobalCleanup]
    public void CleanUp()
    {
        DropTarget();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The driver's fastest path, by hand.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark(Baseline = true)]
    public async Task<int> HandWrittenBinaryImporter()
    {
        var rows = await DataMoveSource.HandWrittenAsync(_sqlite, TargetSource);
        Check.That(rows == Rows, $"{rows} rows written, not {Rows}");
        return rows;
    }

    /// <summary>MigrationKit's data move: keyset batches of 10,000, id map, progress row, COPY BINARY.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark]
    public async Task<long> DataMove()
    {
        var result = await new DataMover().RunAsync(DataMoveSource.SqliteMove(_sqlite, TargetSource));
        Check.That(result.RowsWritten == Rows, $"{result.RowsWritten} rows written, not {Rows}");
        return result.RowsWritten;
    }

    /// <summary>Dapper, one INSERT per row in one transaction, over a tenth of the rows.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark]
    public async Task<int> DapperRowByRowTenth()
    {
        var rows = await DataMoveSource.DapperRowByRowAsync(new SqliteConnection(_sqlite), Rows / 10, TargetSource);
        Check.That(rows == Rows / 10, $"{rows} rows written, not {Rows / 10}");
        return rows;
    }
}

/// <summary>
/// The same check PostgreSQL → PostgreSQL: the same rows in a PostgreSQL source table <c>legacy</c> (bigint key and
/// columns of the SQLite shape) in another database of the same server; the hand-written loop reads them with one
/// <see cref="NpgsqlDataReader"/>. Dapper gets a tenth of the rows.
/// </summary>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class DataMovePostgreSqlBenchmarks : DataMoveTarget
{
    private PostgreSqlDatabase _source = null!;
    private NpgsqlDataSource _sourceSource = null!;

    /// <summary>Creates the PostgreSQL source (copied from the cached SQLite source) and the target table.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        var sqlite = DataMoveSource.SqliteAsync(Rows).GetAwaiter().GetResult();
        _source = new PostgreSqlDatabase();
        _sourceSource = NpgsqlDataSource.Create(_source.ConnectionString);
        DataMoveSource.CopyToPostgreSqlAsync(sqlite, _sourceSource).GetAwaiter().GetResult();
        CreateTarget();
    }

    /// <summary>Empties the target (and the move's control tables) before each call.</summary>
    [IterationSetup]
    public void Empty() => EmptyTarget();

    /// <summary>Drops both databases.</summary>
    [GlobalCleanup]
    public void CleanUp()
    {
        DropTarget();
        _sourceSource.Dispose();
        _source.Dispose();
    }

    /// <summary>The driver's fastest path, by hand: one reader, one importer.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark(Baseline = true)]
    public async Task<int> HandWrittenBinaryImporter()
    {
        var rows = await DataMoveSource.HandWrittenFromPostgreSqlAsync(_sourceSource, TargetSource);
        Check.That(rows == Rows, $"{rows} rows written, not {Rows}");
        return rows;
    }

    /// <summary>MigrationKit's data move, PostgreSQL source.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark]
    public async Task<long> DataMove()
    {
        var result = await new DataMover().RunAsync(DataMoveSource.Move(new PostgreSqlDataEndpoint(_sourceSource), TargetSource));
        Check.That(result.RowsWritten == Rows, $"{result.RowsWritten} rows written, not {Rows}");
        return result.RowsWritten;
    }

    /// <summary>Dapper, one INSERT per row in one transaction, over a tenth of the rows.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark]
    public async Task<int> DapperRowByRowTenth()
    {
        var rows = await DataMoveSource.DapperRowByRowAsync(_sourceSource.CreateConnection(), Rows / 10, TargetSource);
        Check.That(rows == Rows / 10, $"{rows} rows written, not {Rows / 10}");
        return rows;
    }
}

/// <summary>
/// Validation speed against the move's (issue 14: at least half its rows per second): <c>DataMove</c> moves the SQLite
/// rows into an emptied target; <c>Validate</c> validates a target the setup moved once (counts, the id map, content
/// checksums per key range on both sides).
/// </summary>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class DataMoveValidationBenchmarks : DataMoveTarget
{
    private string _sqlite = null!;

    /// <summary>Creates (or reuses) the SQLite source and creates the target table.</summary>
    [GlobalSetup(Target = nameof(DataMove))]
    public void SetUp()
    {
        _sqlite = DataMoveSource.SqliteAsync(Rows).GetAwaiter().GetResult();
        CreateTarget();
    }

    /// <summary>As <see cref="SetUp"/>, then moves the rows once for the validations to compare.</summary>
    [GlobalSetup(Target = nameof(Validate))]
    public void SetUpMoved()
    {
        SetUp();
        var result = new DataMover().RunAsync(DataMoveSource.SqliteMove(_sqlite, TargetSource)).GetAwaiter().GetResult();
        Check.That(result.RowsWritten == Rows, $"{result.RowsWritten} rows written, not {Rows}");
    }

    /// <summary>Empties the target before each move.</summary>
    [IterationSetup(Target = nameof(DataMove))]
    public void Empty() => EmptyTarget();

    /// <summary>Drops the target database.</summary>
    [GlobalCleanup]
    public void CleanUp()
    {
        DropTarget();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>The move (the reference).</summary>
    /// <returns>Rows written.</returns>
    [Benchmark(Baseline = true)]
    public async Task<long> DataMove()
    {
        var result = await new DataMover().RunAsync(DataMoveSource.SqliteMove(_sqlite, TargetSource));
        Check.That(result.RowsWritten == Rows, $"{result.RowsWritten} rows written, not {Rows}");
        return result.RowsWritten;
    }

    /// <summary>The validation of the moved rows.</summary>
    /// <returns>Source rows compared.</returns>
    [Benchmark]
    public async Task<long> Validate()
    {
        var report = await new DataMover().ValidateAsync(DataMoveSource.SqliteMove(_sqlite, TargetSource));
        Check.That(report.IsValid && report.TargetRows == Rows, $"validation: {report.TargetRows} target rows, {report.Differences.Count} difference(s)");
        return report.SourceRows;
    }
}

/// <summary>
/// What the data-move benchmark classes share: the source size as a parameter, and a PostgreSQL target database with
/// the <c>orders</c> table, emptied (with the move's control tables) between calls.
/// </summary>
public abstract class DataMoveTarget
{
    /// <summary>Source rows (<see cref="DataMoveSource.RowCounts"/>).</summary>
    [ParamsSource(nameof(RowCounts))]
    public int Rows { get; set; }

    /// <summary>The source sizes to run.</summary>
    public static IEnumerable<int> RowCounts => DataMoveSource.RowCounts;

    /// <summary>The target database (after <see cref="CreateTarget"/>).</summary>
    protected NpgsqlDataSource TargetSource { get; private set; } = null!;

    private PostgreSqlDatabase Target { get; set; } = null!;

    /// <summary>Creates the target database and its <c>orders</c> table.</summary>
    protected void CreateTarget()
    {
        Target = new PostgreSqlDatabase();
        TargetSource = NpgsqlDataSource.Create(Target.ConnectionString);
        using var target = TargetSource.OpenConnection();
        target.Execute(DataMoveSource.TargetTableSql);
    }

    /// <summary>Truncates the target table and drops the move's control tables.</summary>
    protected void EmptyTarget()
    {
        using var connection = TargetSource.OpenConnection();
        connection.Execute("TRUNCATE orders");
        connection.Execute("DROP TABLE IF EXISTS __migrationkit_data_runs, __migrationkit_data_idmap, __migrationkit_data_rejects");
    }

    /// <summary>Drops the target database.</summary>
    protected void DropTarget()
    {
        TargetSource.Dispose();
        Target.Dispose();
    }
}
