using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace MigrationKit.Benchmarks.DataMove;

/// <summary>The legacy source table, the target table and the two ways of filling it, shared by the data-move benchmarks and the measured console mode.</summary>
internal static class DataMoveSource
{
    /// <summary>The PostgreSQL target table.</summary>
    public const string TargetTableSql = "CREATE TABLE orders (id uuid PRIMARY KEY, name text NOT NULL, created timestamp with time zone NOT NULL, amount numeric(12,2) NOT NULL, paid boolean NOT NULL, note text)";

    /// <summary>The legacy table, the same in SQLite and PostgreSQL.</summary>
    public const string LegacyTableSql = "CREATE TABLE legacy (id bigint PRIMARY KEY, name text NOT NULL, created bigint NOT NULL, amount text NOT NULL, paid bigint NOT NULL, note text)";

    /// <summary>
    /// The source sizes the data-move benchmarks run: 1,000,000 rows, or the count <c>MIGRATIONKIT_DATAMOVE_BENCH_ROWS</c>
    /// gives (CI's dry run uses a small one, so that checking the benchmarks still run does not take minutes).
    /// </summary>
    public static IEnumerable<int> RowCounts =>
        [int.TryParse(Environment.GetEnvironmentVariable("MIGRATIONKIT_DATAMOVE_BENCH_ROWS"), CultureInfo.InvariantCulture, out var rows) && rows > 0 ? rows : 1_000_000];

    /// <summary>
    /// A SQLite file with <paramref name="rows"/> legacy rows in the temp folder, generated on first use (one recursive
    /// insert in one transaction) and reused afterwards.
    /// </summary>
    /// <param name="rows">The row count.</param>
    /// <returns>The connection string.</returns>
    public static async Task<string> SqliteAsync(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"mkb-datamove-legacy-{rows}.db"));
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;
        if (File.Exists(path))
        {
            return connectionString;
        }

        var building = path + ".building";
        File.Delete(building);
        await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = building, Pooling = false }.ConnectionString))
        {
            await source.OpenAsync();
            await source.ExecuteAsync("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
            await source.ExecuteAsync(LegacyTableSql.Replace("id bigint PRIMARY KEY", "id INTEGER PRIMARY KEY", StringComparison.Ordinal));
            await source.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
                WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {rows})
                INSERT INTO legacy SELECT g, 'customer ' || g, 1700000000000 + g * 1001, printf('%.2f', g * 0.25), g % 2, CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || g END FROM s
                """));
        }

        File.Move(building, path);
        return connectionString;
    }

    /// <summary>Copies the SQLite legacy rows into a PostgreSQL table <c>legacy</c> of the same shape (for PostgreSQL → PostgreSQL).</summary>
    /// <param name="sqlite">The SQLite source.</param>
    /// <param name="target">The PostgreSQL database.</param>
    /// <returns>A task.</returns>
    public static async Task CopyToPostgreSqlAsync(string sqlite, NpgsqlDataSource target)
    {
        await using var source = new SqliteConnection(sqlite);
        await source.OpenAsync();
        await using var connection = await target.OpenConnectionAsync();
        await connection.ExecuteAsync(LegacyTableSql);
        await using var command = new SqliteCommand("SELECT id, name, created, amount, paid, note FROM legacy ORDER BY id", source);
        await using var reader = await command.ExecuteReaderAsync();
        await using (var importer = await connection.BeginBinaryImportAsync("COPY legacy (id, name, created, amount, paid, note) FROM STDIN (FORMAT BINARY)"))
        {
            while (await reader.ReadAsync())
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(reader.GetInt64(0), NpgsqlDbType.Bigint);
                await importer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text);
                await importer.WriteAsync(reader.GetInt64(2), NpgsqlDbType.Bigint);
                await importer.WriteAsync(reader.GetString(3), NpgsqlDbType.Text);
                await importer.WriteAsync(reader.GetInt64(4), NpgsqlDbType.Bigint);
                if (reader.IsDBNull(5))
                {
                    await importer.WriteNullAsync();
                }
                else
                {
                    await importer.WriteAsync(reader.GetString(5), NpgsqlDbType.Text);
                }
            }

            await importer.CompleteAsync();
        }

        await connection.ExecuteAsync("VACUUM ANALYZE legacy");
    }

    /// <summary>The move of the benchmarks: integer keys become UUIDs recorded in the id map, batches of 10,000.</summary>
    /// <param name="source">The source endpoint.</param>
    /// <param name="target">The PostgreSQL target.</param>
    /// <returns>The move.</returns>
    public static MigrationKit.Data.Moves.DataMove Move(MigrationKit.Data.Endpoints.IDataEndpoint source, NpgsqlDataSource target) =>
        MigrationKit.Data.Moves.DataMove.Named("bench")
            .From(source, "legacy", "id")
            .To(new PostgreSqlDataEndpoint(target), "orders")
            .Map("id", to: "id", DataConvert.ToNewGuid())
            .Map("name", to: "name")
            .Map("created", to: "created", DataConvert.UnixMillisecondsToTimestamp())
            .Map("amount", to: "amount")
            .Map("paid", to: "paid")
            .Map("note", to: "note")
            .BatchSize(10_000)
            .Build();

    /// <summary>The move from the SQLite source.</summary>
    /// <param name="sqlite">The SQLite connection string.</param>
    /// <param name="target">The PostgreSQL target.</param>
    /// <returns>The move.</returns>
    public static MigrationKit.Data.Moves.DataMove SqliteMove(string sqlite, NpgsqlDataSource target) => Move(new SqliteDataEndpoint(sqlite), target);

    /// <summary>The driver's fastest path by hand: one reader, one <see cref="NpgsqlBinaryImporter"/>, one transaction.</summary>
    /// <param name="sqlite">The SQLite source.</param>
    /// <param name="target">The PostgreSQL target.</param>
    /// <returns>Rows written.</returns>
    public static async Task<int> HandWrittenAsync(string sqlite, NpgsqlDataSource target)
    {
        await using var source = new SqliteConnection(sqlite);
        await source.OpenAsync();
        await using var command = new SqliteCommand("SELECT id, name, created, amount, paid, note FROM legacy ORDER BY id", source);
        await using var reader = await command.ExecuteReaderAsync();
        return await ImportAsync(reader, target);
    }

    /// <summary>The hand-written loop from a PostgreSQL source table <c>legacy</c>.</summary>
    /// <param name="source">The PostgreSQL source.</param>
    /// <param name="target">The PostgreSQL target.</param>
    /// <returns>Rows written.</returns>
    public static async Task<int> HandWrittenFromPostgreSqlAsync(NpgsqlDataSource source, NpgsqlDataSource target)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT id, name, created, amount, paid, note FROM legacy ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        return await ImportAsync(reader, target);
    }

    /// <summary>Dapper, one INSERT per row in one transaction, over the first <paramref name="rows"/> source rows (the naive baseline).</summary>
    /// <param name="source">An unopened connection to the source (SQLite or PostgreSQL); disposed here.</param>
    /// <param name="rows">How many rows.</param>
    /// <param name="targetSource">The PostgreSQL target.</param>
    /// <returns>Rows written.</returns>
    public static async Task<int> DapperRowByRowAsync(System.Data.Common.DbConnection source, int rows, NpgsqlDataSource targetSource)
    {
        await using var sourceScope = source;
        await source.OpenAsync();
        await using var target = await targetSource.OpenConnectionAsync();
        await using var transaction = await target.BeginTransactionAsync();
        var written = 0;
        foreach (var row in source.Query<LegacyRow>(string.Create(CultureInfo.InvariantCulture, $"SELECT id AS Id, name AS Name, created AS Created, amount AS Amount, paid AS Paid, note AS Note FROM legacy ORDER BY id LIMIT {rows}"), buffered: false))
        {
            await target.ExecuteAsync(
                "INSERT INTO orders (id, name, created, amount, paid, note) VALUES (@Id, @Name, @Created, @Amount, @Paid, @Note)",
                new { Id = Guid.NewGuid(), row.Name, Created = DateTime.UnixEpoch.AddMilliseconds(row.Created), Amount = decimal.Parse(row.Amount, CultureInfo.InvariantCulture), Paid = row.Paid == 1, row.Note },
                transaction);
            written++;
        }

        await transaction.CommitAsync();
        return written;
    }

    private static async Task<int> ImportAsync(System.Data.Common.DbDataReader reader, NpgsqlDataSource targetSource)
    {
        await using var target = await targetSource.OpenConnectionAsync();
        await using var transaction = await target.BeginTransactionAsync();
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
