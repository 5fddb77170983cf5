using MigrationKit.History;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Running;

public sealed class MigrationRunnerTests
{
    private const string Basic = "MigrationKit.Sqlite.Tests.Running.Basic";

    [Test]
    public async Task MigrateUp_EightRunnersAtOnceOnOneFile_ApplyEachMigrationExactlyOnce()
    {
        using var database = new TestDatabase();
        var runners = Enumerable.Range(0, 8).Select(i => database.Runner(Basic, o => o.AppliedBy = $"runner-{i}")).ToArray();
        try
        {
            var results = await Task.WhenAll(runners.Select(r => Task.Run(() => r.MigrateUpAsync())));

            results.SelectMany(r => r.Steps).Select(s => s.Version).Should().BeEquivalentTo([1L, 2L, 3L], "each migration is applied by exactly one runner");
            var journal = await runners[0].GetJournalAsync();
            journal.Where(j => j.Status == JournalStatus.Succeeded).GroupBy(j => j.Version).Should().OnlyContain(g => g.Count() == 1);
            (await runners[0].GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);
        }
        finally
        {
            foreach (var runner in runners)
            {
                await runner.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task MigrateUp_RecordsHistoryWithChecksumTimeDurationAndWho()
    {
        using var database = new TestDatabase();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var runner = database.Runner(Basic, o => o.AppliedBy = "ci@build-7", clock);

        await runner.MigrateUpAsync();

        var history = await runner.GetHistoryAsync();
        history.Should().HaveCount(3);
        history.Should().OnlyContain(h => h.AppliedBy == "ci@build-7" && h.AppliedAt == clock.Now && h.Checksum.Length == 67 && h.LibraryVersion.Length > 0);
        history.Select(h => h.Description).Should().Equal("Create items", "Add price", "Index names");
        history.Select(h => h.Checksum).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public async Task Script_OnEmptyDatabase_ReturnsSqlOfEachPendingStepAndChangesNothing()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Rebuild");

        var script = await runner.ScriptAsync();

        script.Steps.Select(s => s.Version).Should().Equal(1, 2);
        script.Steps[0].Statements.Should().ContainSingle().Which.Should().StartWith("CREATE TABLE \"items\"");
        // The alter needs a table rebuild; the dry run plans it from the schema migration 1 would create.
        script.Steps[1].Statements.Should().Contain(s => s.StartsWith("INSERT INTO", StringComparison.Ordinal))
            .And.Contain("DROP TABLE \"items\"");
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
    public async Task MigrateUp_NonTransactionalMigration_RunsOutsideTransactionAndIsJournaled()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.NoTransaction");

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2);
        runner.Migrations.Single(m => m.Version == 2).Transaction.Should().Be(MigrationTransactionMode.None);
        (await runner.GetJournalAsync()).Where(j => j.Version == 2).Select(j => j.Status).Should().Equal(JournalStatus.Started, JournalStatus.Succeeded);
    }

    [Test]
    public async Task Baseline_ExistingDatabase_RecordsVersionsWithoutRunningThem()
    {
        using var database = new TestDatabase();
        database.Execute("CREATE TABLE items (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL)");
        await using var runner = database.Runner(Basic);

        (await runner.BaselineAsync(1)).Should().Equal(1);

        var status = await runner.GetStatusAsync();
        status.Applied.Select(a => a.Version).Should().Equal(1);
        status.Pending.Select(a => a.Version).Should().Equal(2, 3);
        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2, 3);
        await runner.Invoking(r => r.BaselineAsync(1)).Should().ThrowAsync<MigrationKitException>().WithMessage("*already has a migration history*");
    }

    [Test]
    public async Task Rollback_TwoSteps_RevertsNewestFirst()
    {
        await using var runner = Runners.InMemory(Basic);
        await runner.MigrateUpAsync();

        var result = await runner.RollbackAsync(2);

        result.Steps.Select(s => s.Version).Should().Equal(3, 2);
        result.ToVersion.Should().Be(1);
        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Columns.Select(c => c.Name).Should().Equal("id", "name");
    }

    [Test]
    public async Task CheckReversibility_DownForgetsAColumn_ReportsThatMigrationWithTheDifference()
    {
        await using var runner = Runners.InMemory("MigrationKit.Sqlite.Tests.Running.WrongDown");

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2, 3);
        report.IsReversible.Should().BeFalse();
        var problem = report.Problems.Should().ContainSingle().Which;
        problem.Version.Should().Be(2);
        problem.Differences.Should().Contain(d => d.Contains("code", StringComparison.Ordinal));
        report.ToString().Should().Contain("2 'Add column and index, with a Down that forgets the column'");
    }

    [Test]
    public async Task CheckReversibility_IrreversibleMigration_ReportsTheErrorAndChecksTheRest()
    {
        await using var runner = Runners.InMemory("MigrationKit.Sqlite.Tests.Running.Irreversible");

        var report = await runner.CheckReversibilityAsync();

        report.Problems.Should().ContainSingle().Which.Error.Should().Contain("drop column items.legacy");
    }
}
