using MigrationKit.Data.Conversion;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Sqlite;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Moves;

/// <summary>A move's description is checked before anything runs: on its own at Build, against the databases at the start of the run.</summary>
public sealed class DefinitionTests
{
    [Test]
    public void Build_lists_every_problem_of_the_description_at_once()
    {
        var endpoint = new SqliteDataEndpoint("Data Source=:memory:");
        var act = () => DataMove.Named("bad name!")
            .From(endpoint, "legacy", "a", "b")
            .Map("a", to: "x", DataConvert.ToNewGuid())
            .Map("b", to: "x", DataConvert.ToNewGuid())
            .Build();

        act.Should().Throw<DataMoveDefinitionException>().Which.Message.Should().Be(
            "Data move 'bad name!' cannot run: no target: call To(target, table); the name 'bad name!' may hold only letters, digits, '-', '_' and '.'; "
            + "target column 'x' is mapped 2 times; ToNewGuid() is used on 2 columns (a, b); a row has one new key; "
            + "ToNewGuid() needs a single-column source key, and the key has 2 columns. Nothing was moved; fix the description and run it again.");
    }

    [Test]
    public void Arguments_are_checked_where_they_are_given()
    {
        FluentActions.Invoking(() => DataMove.Named(" ")).Should().Throw<ArgumentException>().WithParameterName("name");
        FluentActions.Invoking(() => DataMove.Named("m").BatchSize(0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("rows");
        FluentActions.Invoking(() => DataConvert.Lookup("t", "", "id")).Should().Throw<ArgumentException>().WithParameterName("matchColumn");
    }

    [Test]
    public async Task The_run_checks_tables_columns_key_and_lookups_against_the_databases_before_moving_anything()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await using var target = await TestDb.CreateAsync(Engine.Sqlite);
        await source.ExecuteAsync("CREATE TABLE legacy (id INTEGER PRIMARY KEY, name TEXT, kind TEXT)");
        await source.ExecuteAsync("INSERT INTO legacy VALUES (1, 'a', 'x')");
        await target.ExecuteAsync("CREATE TABLE fresh (id INTEGER PRIMARY KEY, name TEXT, kind_id INTEGER)");
        var move = DataMove.Named("checked").From(source.Endpoint, "legacy").To(target.Endpoint, "fresh")
            .Map("name", to: "name")
            .Map("missing", to: "kind_id")
            .Map("kind", to: "kind_id2", DataConvert.Lookup("kinds", "name", "id"))
            .Build();

        var error = (await new DataMover().Invoking(m => m.RunAsync(move)).Should().ThrowAsync<DataMoveDefinitionException>()).Which;

        error.Problems.Should().Equal(
            "'missing' is not a column of the source table 'legacy'",
            "'kind_id2' is not a column of the target table 'fresh'",
            "the source key column 'id' is not mapped to a target column; the id map needs each row's target key: add Map(\"id\", to: \"<target key column>\")");
        (await target.CountAsync("SELECT COUNT(*) FROM fresh")).Should().Be(0);
        (await target.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '__migrationkit%'")).Should().Be(0, "nothing is created before the move checks out");
    }

    [Test]
    public async Task A_table_without_a_primary_key_is_read_in_rowid_order()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await using var target = await TestDb.CreateAsync(Engine.Sqlite);
        await source.ExecuteAsync("CREATE TABLE events (what TEXT)");
        for (var i = 0; i < 25; i++)
        {
            await source.ExecuteAsync("INSERT INTO events VALUES (@p0)", "event " + i);
        }

        await target.ExecuteAsync("CREATE TABLE events (id TEXT PRIMARY KEY, legacy_rowid INTEGER, what TEXT)");
        var move = DataMove.Named("events").From(source.Endpoint, "events").To(target.Endpoint, "events")
            .Map("rowid", to: "id", DataConvert.ToNewGuid())
            .Map("what", to: "what")
            .BatchSize(7)
            .Build();

        var result = await new DataMover().RunAsync(move);

        result.Batches.Should().Be(4);
        (await target.CountAsync("SELECT COUNT(DISTINCT what) FROM events")).Should().Be(25);
        (await target.RowsAsync("SELECT last_key FROM __migrationkit_data_runs")).Single()[0].Should().Be("[25]");
        (await new DataMover().ValidateAsync(move)).IsValid.Should().BeTrue();
    }
}
