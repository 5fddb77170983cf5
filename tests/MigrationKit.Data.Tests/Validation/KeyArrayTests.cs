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

    [Test]
    public async Task Keys_without_an_array_form_get_none()
    {
        await using var arrays = new MigrationKit.Data.PostgreSql.PostgreSqlDataEndpoint("Host=127.0.0.1");

        arrays.ToArrayParameterValue([DateTime.UnixEpoch], DataType.TimestampTz).Should().BeNull();
        arrays.ToArrayParameterValue([1L, "2"], DataType.Int64).Should().BeNull("a value that is not an integer has no bigint[] form");
        arrays.ToArrayParameterValue([1.5m], DataType.Decimal).Should().BeNull();
    }

    private static async Task<List<long>> MatchedAsync(TestDb db, IDataKeyArrays arrays, string column, DataType type, object[] keys)
    {
        var connection = await db.OpenAsync();
        await using (connection)
        {
            var command = connection.CreateCommand();
            await using (command)
            {
                command.CommandText = $"SELECT i FROM k WHERE {arrays.MatchesAnyElement(column, "keys")} ORDER BY i";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "keys";
                parameter.Value = arrays.ToArrayParameterValue(keys, type) ?? throw new AssertionException($"{type} keys have an array form");
                command.Parameters.Add(parameter);
                var matched = new List<long>();
                var reader = await command.ExecuteReaderAsync();
                await using (reader)
                {
                    while (await reader.ReadAsync())
                    {
                        matched.Add(reader.GetInt64(0));
                    }
                }

                return matched;
            }
        }
    }
}
