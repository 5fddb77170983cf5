using MigrationKit.History;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Running;

/// <summary>
/// What only SQLite does: table rebuilds and statements that cannot run in a transaction. The provider-neutral
/// runner behaviour is tested by the conformance suite (Specification/SqliteSpecifications.cs).
/// </summary>
public sealed class MigrationRunnerTests
{
    [Test]
    public async Task Script_AlterNeedingRebuild_PlansTheRebuildFromTheReplayedSchemaAndChangesNothing()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Rebuild");

        var script = await runner.ScriptAsync();

        script.Steps.Select(s => s.Version).Should().Equal(1, 2);
        script.Steps[0].Statements.Should().ContainSingle().Which.Should().StartWith("CREATE TABLE \"items\"");
        // The alter needs a table rebuild; the dry run plans it from the schema migration 1 would create.
        script.Steps[1].Statements.Should().Contain(s => s.StartsWith("INSERT INTO", StringComparison.Ordinal))
            .And.Contain("ALTER TABLE \"items\" RENAME TO \"__migrationkit_old_items\"")
            .And.Contain("DROP TABLE \"__migrationkit_old_items\"");
        script.ToSql().Should().Contain("-- 2 Make name required (Up)");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_AlterColumnThroughRebuild_KeepsEveryRowAndRollsBack()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Rebuild");
        await runner.MigrateUpAsync(1);
        database.Execute("INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");

        await runner.MigrateUpAsync();

        var column = (await runner.ReadSchemaAsync()).FindTable(new("items"))!.FindColumn("name")!;
        column.IsNullable.Should().BeFalse();
        column.DefaultSql.Should().Be("'unnamed'");
        database.Scalar("SELECT COUNT(*) FROM items WHERE name IN ('one', 'two', 'three')").Should().Be(3);

        await runner.RollbackAsync();
        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.FindColumn("name")!.IsNullable.Should().BeTrue();
        database.Scalar("SELECT COUNT(*) FROM items").Should().Be(3);
    }

    [Test]
    public async Task MigrateUp_VacuumWithoutTransaction_RunsOutsideTransactionAndIsJournaled()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.NoTransaction");

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2);
        runner.Migrations.Single(m => m.Version == 2).Transaction.Should().Be(MigrationTransactionMode.None);
        (await runner.GetJournalAsync()).Where(j => j.Version == 2).Select(j => j.Status).Should().Equal(JournalStatus.Started, JournalStatus.Succeeded);
    }
}
