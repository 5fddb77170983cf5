using System.Globalization;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Conversion;

/// <summary>Every converter and type conversion end to end, from a loose SQLite table into each target engine.</summary>
[TestFixture(Engine.PostgreSql)]
[TestFixture(Engine.Sqlite)]
public sealed class TypeConversionTests(Engine targetEngine)
{
    [Test]
    public async Task Loose_sqlite_values_arrive_as_the_target_types()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await using var target = await TestDb.CreateAsync(targetEngine);
        await source.ExecuteAsync("CREATE TABLE loose (id INTEGER PRIMARY KEY, flag, flag_text, amount, iso, seconds, millis, uid, doc, day, small, code)");
        await source.ExecuteAsync("INSERT INTO loose VALUES (1, 1, 'false', '12.345', '2026-12-07T09:30:15Z', 1796635815, 1796635815250, '6F9619FF-8B86-D011-B42D-00C04FC964FF', '{\"b\": 1, \"a\": 2}', '2026-12-07', '7', 'abc')");
        await source.ExecuteAsync("INSERT INTO loose VALUES (2, NULL, 't', 3, '2026-12-07 09:30:15', 0, 0, NULL, '[]', NULL, 8, 'xyz')");
        await target.ExecuteAsync(target.Pick(
            "CREATE TABLE typed (id INTEGER PRIMARY KEY, flag BOOLEAN, flag_text BOOLEAN, amount DECIMAL(10,3), iso DATETIME, seconds DATETIME, millis DATETIME, uid UUID, doc JSON, day DATE, small INTEGER, code TEXT)",
            "CREATE TABLE typed (id bigint PRIMARY KEY, flag boolean, flag_text boolean, amount numeric(10,3), iso timestamp with time zone, seconds timestamp with time zone, millis timestamp without time zone, uid uuid, doc jsonb, day date, small smallint, code text)"));
        var move = DataMove.Named("types").From(source.Endpoint, "loose").To(target.Endpoint, "typed")
            .Map("id", to: "id")
            .Map("flag", to: "flag")
            .Map("flag_text", to: "flag_text")
            .Map("amount", to: "amount")
            .Map("iso", to: "iso")
            .Map("seconds", to: "seconds", DataConvert.UnixSecondsToTimestamp())
            .Map("millis", to: "millis", DataConvert.UnixMillisecondsToTimestamp())
            .Map("uid", to: "uid")
            .Map("doc", to: "doc")
            .Map("day", to: "day")
            .Map("small", to: "small")
            .Map("code", to: "code", DataConvert.Custom("upper case", v => ((string)v!).ToUpperInvariant()))
            .Build();

        await new DataMover().RunAsync(move);

        var rows = await target.RowsAsync("SELECT flag, flag_text, amount, iso, seconds, millis, uid, doc, day, small, code FROM typed ORDER BY id");
        var instant = new DateTime(2026, 12, 7, 9, 30, 15, DateTimeKind.Utc);
        if (target.IsPostgreSql)
        {
            rows[0].Should().Equal(true, false, 12.345m, instant, instant, DateTime.SpecifyKind(instant.AddMilliseconds(250), DateTimeKind.Unspecified), Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), "{\"a\": 2, \"b\": 1}", new DateOnly(2026, 12, 7), (short)7, "ABC");
            rows[1].Should().Equal(null, true, 3.000m, instant, DateTime.UnixEpoch, DateTime.SpecifyKind(DateTime.UnixEpoch, DateTimeKind.Unspecified), null, "[]", null, (short)8, "XYZ");
        }
        else
        {
            // DECIMAL, BOOLEAN, DATETIME, UUID and JSON have SQLite's NUMERIC affinity: numeric text is stored as a number.
            rows[0].Should().Equal(1L, 0L, 12.345, "2026-12-07 09:30:15", "2026-12-07 09:30:15", "2026-12-07 09:30:15.25", "6f9619ff-8b86-d011-b42d-00c04fc964ff", "{\"b\": 1, \"a\": 2}", "2026-12-07", 7L, "ABC");
            rows[1].Should().Equal(null, 1L, 3L, "2026-12-07 09:30:15", "1970-01-01 00:00:00", "1970-01-01 00:00:00", null, "[]", null, 8L, "XYZ");
        }

        (await new DataMover().ValidateAsync(move)).IsValid.Should().BeTrue();
    }
}
