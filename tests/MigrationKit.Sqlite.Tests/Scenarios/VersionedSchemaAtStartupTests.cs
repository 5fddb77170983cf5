using MigrationKit.Inspection;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Scenarios;

/// <summary>Scenario 1: three migrations applied at startup, down to v1 and back up to v3, with status at each point.</summary>
public sealed class VersionedSchemaAtStartupTests
{
    private const string Migrations = "MigrationKit.Sqlite.Tests.Scenarios.Versioned";

    [Test]
    public async Task MigrateUp_ThenDownToV1_ThenUp_SchemaAndStatusMatchEachVersion([Values] bool inMemory)
    {
        using var file = new TestDatabase();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        await using var runner = Runners.Create(inMemory ? "Data Source=:memory:" : file.ConnectionString, Migrations, time: clock);

        var initial = await runner.GetStatusAsync();
        initial.Pending.Select(p => p.Version).Should().Equal(1, 2, 3);
        initial.CurrentVersion.Should().Be(0);

        // v1 alone first, to capture exactly what v1's schema is.
        await runner.MigrateUpAsync(1);
        var v1Schema = await runner.ReadSchemaAsync();
        v1Schema.Tables.Select(t => t.Name.Name).Should().BeEquivalentTo("customers", "orders");

        clock.Advance(TimeSpan.FromMinutes(5));
        var up = await runner.MigrateUpAsync();
        up.Steps.Select(s => s.Version).Should().Equal(2, 3);
        up.FromVersion.Should().Be(1);
        up.ToVersion.Should().Be(3);
        var v3Schema = await runner.ReadSchemaAsync();
        v3Schema.FindTable(new("metadata")).Should().NotBeNull();
        v3Schema.FindTable(new("customers"))!.FindColumn("status")!.DefaultSql.Should().Be("'active'");
        v3Schema.FindTable(new("orders"))!.Indexes.Select(i => i.Name).Should().Contain("ix_orders_customer_id_placed_at");

        var atV3 = await runner.GetStatusAsync();
        atV3.IsUpToDate.Should().BeTrue();
        atV3.CurrentVersion.Should().Be(3);
        atV3.Migrations.Select(m => (m.Version, m.AppliedAt)).Should().Equal(
            (1L, (DateTimeOffset?)clock.Now.AddMinutes(-5)), (2L, clock.Now), (3L, clock.Now));
        atV3.Migrations.Should().OnlyContain(m => m.Duration >= TimeSpan.Zero && m.AppliedChecksum!.StartsWith("v1:", StringComparison.Ordinal));

        var down = await runner.MigrateDownAsync(1);
        down.Steps.Select(s => (s.Version, s.Direction)).Should().Equal((3L, MigrationDirection.Down), (2L, MigrationDirection.Down));
        (await runner.ReadSchemaAsync()).CompareTo(v1Schema).Should().BeEmpty("after two Downs the schema is exactly v1's");
        var atV1 = await runner.GetStatusAsync();
        atV1.Applied.Select(m => m.Version).Should().Equal(1);
        atV1.Pending.Select(m => m.Version).Should().Equal(2, 3);

        await runner.MigrateUpAsync();
        (await runner.ReadSchemaAsync()).CompareTo(v3Schema).Should().BeEmpty("going back up restores v3's schema");
        (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue();

        var journal = await runner.GetJournalAsync();
        journal.Where(j => j.Version == 3).Select(j => (j.Action, j.Status)).Should().Equal(
            (History.JournalAction.Up, History.JournalStatus.Succeeded),
            (History.JournalAction.Down, History.JournalStatus.Succeeded),
            (History.JournalAction.Up, History.JournalStatus.Succeeded));
    }

    [Test]
    public async Task MigrateUp_WhenNothingPending_ReturnsEmptyResultAndKeepsHistory()
    {
        using var file = new TestDatabase();
        await using (var first = file.Runner(Migrations))
        {
            await first.MigrateUpAsync();
        }

        await using var second = file.Runner(Migrations);
        var result = await second.MigrateUpAsync();

        result.NothingToDo.Should().BeTrue();
        result.FromVersion.Should().Be(3);
        (await second.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);
    }

    [Test]
    public async Task CheckReversibility_OnScenarioMigrations_ReportsEveryDownRestoringTheSchema()
    {
        await using var runner = Runners.InMemory(Migrations);

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2, 3);
        report.IsReversible.Should().BeTrue(report.ToString());
        (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue("the check leaves every migration applied");
    }
}
