using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dapper;
using Microsoft.Data.Sqlite;
using MigrationKit.Benchmarks.Support;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Moves;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

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
public class DataMoveBenchmarks
{
    private string _sqlite = null!;
    private PostgreSqlDatabase _target = null!;
    private NpgsqlDataSource _targetSource = null!;

    /// <summary>Source rows.</summary>
    [Params(1_000_000)]
    public int Rows { get; set; }

    /// <summary>Creates the SQLite source and the PostgreSQL target table.</summary>
    [GlobalSetup]
    public void SetUp()
    {
        _sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetTempPath(), "mkb-data-" + Guid.NewGuid().ToString("N") + ".db") }.ConnectionString;
        using (var source = new SqliteConnection(_sqlite))
        {
            source.Open();
            source.Execute("CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL, amount TEXT NOT NULL, paid INTEGER NOT NULL, note TEXT)");
            source.Execute($"""
                WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {Rows})
                INSERT INTO legacy SELECT g, 'customer ' || g, 1700000000000 + g * 1001, printf('%.2f', g * 0.25), g % 2, CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || g END FROM s
                """);
        }

        _target = new PostgreSqlDatabase();
        _targetSource = NpgsqlDataSource.Create(_target.ConnectionString);
        using var target = _targetSource.OpenConnection();
        target.Execute("CREATE TABLE orders (id uuid PRIMARY KEY, name text NOT NULL, created timestamp with time zone NOT NULL, amount numeric(12,2) NOT NULL, paid boolean NOT NULL, note text)");
    }

    /// <summary>Empties the target (and the move's control tables) before each call.</summary>
    [IterationSetup]
    public void Empty()
    {
        using var target = _targetSource.OpenConnection();
        target.Execute("TRUNCATE orders");
        target.Execute("DROP TABLE IF EXISTS __migrationkit_data_runs, __migrationkit_data_idmap, __migrationkit_data_rejects");
    }

    /// <summary>Drops the databases.</summary>
    [GlobalCleanup]
    public void CleanUp()
    {
        _targetSource.Dispose();
        _target.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(new SqliteConnectionStringBuilder(_sqlite).DataSource);
    }

    /// <summary>The driver's fastest path, by hand.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark(Baseline = true)]
    public async Task<int> HandWrittenBinaryImporter()
    {
        await using var source = new SqliteConnection(_sqlite);
        await source.OpenAsync();
        await using var target = await _targetSource.OpenConnectionAsync();
        await using var transaction = await target.BeginTransactionAsync();
        await using var command = new SqliteCommand("SELECT id, name, created, amount, paid, note FROM legacy ORDER BY id", source);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        await using (var importer = await target.BeginBinaryImportAsync("COPY orders (id, name, created, amount, paid, note) FROM STDIN (FORMAT BINARY)"))
        {
            while (await reader.ReadAsync())
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await importer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text);
                await importer.WriteAsync(DateTime.UnixEpoch.AddMilliseconds(reader.GetInt64(2)), NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture), NpgsqlDbType.Numeric);
                await importer.WriteAsync(reader.GetInt64(4) == 1, NpgsqlDbType.Boolean);
                if (reader.IsDBNull(5))
                {
                    await importer.WriteNullAsync();
                }
                else
                {
                    await importer.WriteAsync(reader.GetString(5), NpgsqlDbType.Text);
                }

                rows++;
            }

            await importer.CompleteAsync();
        }

        await transaction.CommitAsync();
        Check.That(rows == Rows, $"{rows} rows written, not {Rows}");
        return rows;
    }

    /// <summary>MigrationKit's data move: keyset batches of 10,000, id map, progress row, COPY BINARY.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark]
    public async Task<long> DataMove()
    {
        var move = MigrationKit.Data.Moves.DataMove.Named("bench")
            .From(new SqliteDataEndpoint(_sqlite), "legacy", "id")
            .To(new PostgreSqlDataEndpoint(_targetSource), "orders")
            .Map("id", to: "id", DataConvert.ToNewGuid())
            .Map("name", to: "name")
            .Map("created", to: "created", DataConvert.UnixMillisecondsToTimestamp())
            .Map("amount", to: "amount")
            .Map("paid", to: "paid")
            .Map("note", to: "note")
            .BatchSize(10_000)
            .Build();
        var result = await new DataMover().RunAsync(move);
        Check.That(result.RowsWritten == Rows, $"{result.RowsWritten} rows written, not {Rows}");
        return result.RowsWritten;
    }

    /// <summary>Dapper, one INSERT per row in one transaction, over a tenth of the rows.</summary>
    /// <returns>Rows written.</returns>
    [Benchmark]
    public async Task<int> DapperRowByRowTenth()
    {
        await using var source = new SqliteConnection(_sqlite);
        await source.OpenAsync();
        await using var target = await _targetSource.OpenConnectionAsync();
        await using var transaction = await target.BeginTransactionAsync();
        var rows = 0;
        foreach (var row in source.Query<LegacyRow>($"SELECT id AS Id, name AS Name, created AS Created, amount AS Amount, paid AS Paid, note AS Note FROM legacy ORDER BY id LIMIT {Rows / 10}", buffered: false))
        {
            await target.ExecuteAsync(
                "INSERT INTO orders (id, name, created, amount, paid, note) VALUES (@Id, @Name, @Created, @Amount, @Paid, @Note)",
                new { Id = Guid.NewGuid(), row.Name, Created = DateTime.UnixEpoch.AddMilliseconds(row.Created), Amount = decimal.Parse(row.Amount, CultureInfo.InvariantCulture), Paid = row.Paid == 1, row.Note },
                transaction);
            rows++;
        }

        await transaction.CommitAsync();
        Check.That(rows == Rows / 10, $"{rows} rows written, not {Rows / 10}");
        return rows;
    }

    /// <summary>A legacy row as Dapper reads it.</summary>
    public sealed class LegacyRow
    {
        /// <summary>The key.</summary>
        public long Id { get; set; }

        /// <summary>The name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Unix milliseconds.</summary>
        public long Created { get; set; }

        /// <summary>The amount as text.</summary>
        public string Amount { get; set; } = string.Empty;

        /// <summary>0 or 1.</summary>
        public long Paid { get; set; }

        /// <summary>A nullable note.</summary>
        public string? Note { get; set; }
    }
}
