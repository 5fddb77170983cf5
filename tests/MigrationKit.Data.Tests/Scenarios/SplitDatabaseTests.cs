using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Scenarios;

/// <summary>
/// Scenario 4: one SQLite file holding structure (settings, keyed by scope and name: a composite key) and instance data
/// (strategies) split into two databases, each table's rows moved to the right one and checked.
/// </summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
public sealed class SplitDatabaseTests(Engine instanceEngine)
{
    [Test]
    public async Task Settings_and_strategies_end_up_in_their_own_databases_with_equal_contents()
    {
        await using var mixed = await TestDb.CreateAsync(Engine.Sqlite);
        await using var structure = await TestDb.CreateAsync(Engine.Sqlite);
        await using var instance = await TestDb.CreateAsync(instanceEngine);
        await mixed.ExecuteAsync("CREATE TABLE settings (scope TEXT NOT NULL, name TEXT NOT NULL, value TEXT, PRIMARY KEY (scope, name))");
        await mixed.ExecuteAsync("CREATE TABLE strategies (id INTEGER PRIMARY KEY, name TEXT NOT NULL, config TEXT NOT NULL, enabled INTEGER NOT NULL)");
        foreach (var scope in new[] { "global", "ui", "risk" })
        {
            for (var i = 0; i < 12; i++)
            {
                await mixed.ExecuteAsync("INSERT INTO settings VALUES (@p0, @p1, @p2)", scope, $"setting {i:00}", i % 4 == 0 ? null : $"{scope}-{i}");
            }
        }

        for (var i = 1; i <= 40; i++)
        {
            await mixed.ExecuteAsync("INSERT INTO strategies VALUES (@p0, @p1, @p2, @p3)", i, "strategy " + i, $"{{\"risk\": {i % 5}, \"symbols\": [\"S{i}\"]}}", i % 3 == 0 ? "false" : "true");
        }

        await structure.ExecuteAsync("CREATE TABLE settings (scope TEXT NOT NULL, name TEXT NOT NULL, value TEXT, PRIMARY KEY (scope, name))");
        await instance.ExecuteAsync(instance.Pick(
            "CREATE TABLE strategies (id INTEGER PRIMARY KEY, name TEXT NOT NULL, config JSON NOT NULL, enabled BOOLEAN NOT NULL)",
            "CREATE TABLE strategies (id bigint PRIMARY KEY, name text NOT NULL, config jsonb NOT NULL, enabled boolean NOT NULL)"));
        var settings = DataMove.Named("split-settings").From(mixed.Endpoint, "settings").To(structure.Endpoint, "settings").BatchSize(7).Build();
        var strategies = DataMove.Named("split-strategies").From(mixed.Endpoint, "strategies").To(instance.Endpoint, "strategies").BatchSize(16).Build();
        var mover = new DataMover();

        var movedSettings = await mover.RunAsync(settings);
        var movedStrategies = await mover.RunAsync(strategies);

        movedSettings.RowsWritten.Should().Be(36);
        movedSettings.Batches.Should().Be(6);
        movedStrategies.RowsWritten.Should().Be(40);
        (await structure.RowsAsync("SELECT last_key FROM __migrationkit_data_runs")).Single()[0].Should().Be("[\"ui\",\"setting 11\"]", "the composite key is read in (scope, name) order");
        (await structure.CountAsync("SELECT COUNT(*) FROM settings WHERE value IS NULL")).Should().Be(9);
        (await instance.CountAsync(instance.Pick("SELECT COUNT(*) FROM strategies WHERE enabled = 0", "SELECT COUNT(*) FROM strategies WHERE NOT enabled"))).Should().Be(13);
        (await mover.ValidateAsync(settings)).IsValid.Should().BeTrue();
        (await mover.ValidateAsync(strategies)).IsValid.Should().BeTrue();

        await structure.ExecuteAsync("UPDATE settings SET value = 'changed' WHERE scope = 'risk' AND name = 'setting 05'");
        (await mover.ValidateAsync(settings)).Differences.Should().ContainSingle().Which.SourceKey.Should().Be("scope='risk', name='setting 05'");
    }
}
