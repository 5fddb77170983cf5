using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Validation;

/// <summary>
/// PostgreSQL's key arrays (<see cref="IDataKeyArrays"/>), which validation and id-map reads use: each key type with an
/// array form matches exactly the listed keys on a real server; the others have none, so the callers list parameters.
/// </summary>
public sealed class KeyArrayTests
{
    [Test]
    public async Task Bigint_uuid_and_text_keys_match_exactly_the_listed_ones()
    {
        await using var db = await TestDb.CreateAsync(Engine.PostgreSql);
        await db.ExecuteAsync("CREATE TABLE k (i bigint, n integer, u uuid, t text)");
        await db.ExecuteAsync("INSERT INTO k SELECT g, g, ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 'key ' || g FROM generate_series(1, 20) g");
        var arrays = (IDataKeyArrays)db.Endpoint;

        (await MatchedAsync(db, arrays, "i", DataType.Int64, [3L, 7L, 99L])).Should().Equal(3, 7);
        (await MatchedAsync(db, arrays, "n", DataType.Int32, [5, 20])).Should().Equal(5, 20);
        (await MatchedAsync(db, arrays, "u", DataType.Guid, [Guid.Parse("00000000-0000-0000-0000-000000000011"), Guid.NewGuid()])).Should().Equal(11);
        (await MatchedAsync(db, arrays, "t", DataType.Text, ["key 2", "key 12", "key 200"])).Should().Equal(2, 12);
    }

    /// <summary>
    /// A just-loaded id map has no statistics until autovacuum analyzes it; <c>source_key = ANY(@keys)</c> was then
    /// planned as a filter over every row of the move (136 ms instead of 2 ms per look-up of 500 keys in 1,000,000
    /// rows). The condition must reach the primary key with no statistics at all.
    /// </summary>
    [Test]
    public async Task A_look_up_in_an_id_map_without_statistics_probes_its_primary_key()
    {
        await using var db = await TestDb.CreateAsync(Engine.PostgreSql);
        await db.ExecuteAsync("""
            CREATE TABLE idmap (move text NOT NULL, source_key text NOT NULL, target_key text NOT NULL, PRIMARY KEY (move, source_key))
                WITH (autovacuum_enabled = false);
            INSERT INTO idmap SELECT 'orders', g::text, md5(g::text) FROM generate_series(1, 200000) g
            """);
        var arrays = (IDataKeyArrays)db.Endpoint;
        var keys = Enumerable.Range(5_000, 500).Select(k => (object)k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var connection = await db.OpenAsync();
        await using (connection)
        {
            (await ScalarAsync(connection, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'idmap'")).Should().Be(-1L, "the table was never analyzed");
            var plan = await ReadWithKeysAsync(
                connection,
                $"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT source_key, target_key FROM idmap WHERE move = 'orders' AND {arrays.MatchesAnyElement("source_key", "keys")}",
                arrays.ToArrayParameterValue(keys, DataType.Text)!,
                reader => reader.GetString(0));

            var text = string.Join('\n', plan);
            text.Should().Contain("Index Cond: ((move = 'orders'::text) AND (source_key = ", "the keys reach the primary key:\n" + text);
            text.Should().NotContain("Rows Removed by Filter", "no row is read only to be thrown away:\n" + text);
            text.Should().MatchRegex(@"Index Scan using idmap_pkey on idmap \(actual rows=1 loops=500\)", "one probe per key, each finding its row:\n" + text);
        }
    }

    [Test]
    public async Task Keys_without_an_array_form_get_none()
    {
        await using var arrays = new MigrationKit.Data.PostgreSql.PostgreSqlDataEndpoint("Host=127.0.0.1");

        arrays.ToArrayParameterValue([DateTime.UnixEpoch], DataType.TimestampTz).Should().BeNull();
        arrays.ToArrayParameterValue([1L, "2"], DataType.Int64).Should().BeNull("a value that is not an integer has no bigint[] form");
        arrays.ToArrayParameterValue([1.5m], DataType.Decimal).Should().BeNull();
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
    }

    private static async Task<List<long>> MatchedAsync(TestDb db, IDataKeyArrays arrays, string column, DataType type, object[] keys)
    {
        var connection = await db.OpenAsync();
        await using (connection)
        {
            return await ReadWithKeysAsync(
                connection,
                $"SELECT i FROM k WHERE {arrays.MatchesAnyElement(column, "keys")} ORDER BY i",
                arrays.ToArrayParameterValue(keys, type) ?? throw new AssertionException($"{type} keys have an array form"),
                reader => reader.GetInt64(0));
        }
    }

    private static async Task<List<T>> ReadWithKeysAsync<T>(System.Data.Common.DbConnection connection, string sql, object keys, Func<System.Data.Common.DbDataReader, T> read)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "keys";
            parameter.Value = keys;
            command.Parameters.Add(parameter);
            var rows = new List<T>();
            var reader = await command.ExecuteReaderAsync();
            await using (reader)
            {
                while (await reader.ReadAsync())
                {
                    rows.Add(read(reader));
                }
            }

            return rows;
        }
    }
}
