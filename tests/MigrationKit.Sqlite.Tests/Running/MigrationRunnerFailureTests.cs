using Microsoft.Data.Sqlite;
using MigrationKit.History;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Running;

/// <summary>Failures leave the database exactly as it was, and say what happened.</summary>
public sealed class MigrationRunnerFailureTests
{
    [Test]
    public async Task MigrateUp_MigrationFailsHalfWay_LeavesSchemaAndHistoryExactlyAsBefore()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Failing");
        await runner.MigrateUpAsync(1);
        var schemaBefore = await runner.ReadSchemaAsync();
        var historyBefore = await runner.GetHistoryAsync();

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.Version.Should().Be(2);
        failure.Direction.Should().Be(MigrationDirection.Up);
        failure.Transactional.Should().BeTrue();
        failure.Statement.Should().Contain("no_such_table");
        failure.InnerException.Should().BeOfType<SqliteException>();
        failure.Message.Should().Contain("Migration 2 'Half way then broken SQL'").And.Contain("rolled back");
        (await runner.ReadSchemaAsync()).CompareTo(schemaBefore).Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEquivalentTo(historyBefore);
        database.Scalar("SELECT COUNT(*) FROM items").Should().Be(0, "the rows inserted before the failure were rolled back");
        var journal = await runner.GetJournalAsync();
        journal.Last().Should().Match<JournalEntry>(j => j.Version == 2 && j.Status == JournalStatus.Failed && j.Error!.Contains("no_such_table"));
    }

    [Test]
    public async Task MigrateUp_ForeignKeyViolatedAtCommit_FailsNamingTheMigrationAndLeavesNothing()
    {
        await using var runner = Runners.InMemory("MigrationKit.Sqlite.Tests.Running.Orphans");

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.Version.Should().Be(1);
        failure.InnerException.Should().BeOfType<MigrationKitException>().Which.Message.Should().Contain("\"children\" rowid 1 references a missing row of \"parents\"");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_AllOrNothingRunFails_AppliesNoMigrationOfTheRun()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Failing", o => o.RunTransaction = MigrationRunTransaction.AllOrNothing);

        var act = () => runner.MigrateUpAsync();

        (await act.Should().ThrowAsync<MigrationFailedException>()).Which.Version.Should().Be(2);
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty("migration 1 was part of the same all-or-nothing transaction");
    }

    [Test]
    public async Task MigrateUp_NonTransactionalMigrationFails_IsIncompleteAndBlocksUntilRepaired()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.NoTransactionFailing");

        var first = () => runner.MigrateUpAsync();

        var failure = (await first.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.Transactional.Should().BeFalse();
        failure.Message.Should().Contain("without a transaction").And.Contain("RepairAsync");
        (await runner.ReadSchemaAsync()).FindTable(new("first_half")).Should().NotBeNull("the statement before the failure ran outside a transaction");
        (await runner.GetStatusAsync()).Migrations.Single(m => m.Version == 2).State.Should().Be(MigrationState.Incomplete);

        var again = () => runner.MigrateUpAsync();
        (await again.Should().ThrowAsync<IncompleteMigrationException>()).Which.Versions.Should().Equal(2);

        database.Execute("DROP TABLE first_half");
        (await runner.RepairAsync()).Should().Equal(2);
        (await runner.GetStatusAsync()).Migrations.Single(m => m.Version == 2).State.Should().Be(MigrationState.Pending);
        (await runner.GetJournalAsync()).Where(j => j.Version == 2).Select(j => j.Status)
            .Should().Equal(JournalStatus.Started, JournalStatus.Incomplete, JournalStatus.Succeeded);
    }

    [Test]
    public async Task Rollback_MigrationWithoutDownHoldsDropColumn_ThrowsNamingMigrationAndOperation()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Irreversible");
        await runner.MigrateUpAsync();
        var schemaBefore = await runner.ReadSchemaAsync();

        var act = () => runner.RollbackAsync();

        var error = (await act.Should().ThrowAsync<IrreversibleMigrationException>()).Which;
        error.Version.Should().Be(2);
        error.MigrationName.Should().Be("DropLegacy");
        error.Operation.Should().Be("drop column items.legacy");
        error.Message.Should().Contain("Override Down in DropLegacy");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
        (await runner.ReadSchemaAsync()).CompareTo(schemaBefore).Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_MigrationWithEmptyIdentifier_ThrowsInvalidMigrationAndCreatesNothing()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.BadIdentifier");

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<InvalidMigrationException>()).Which;
        error.Version.Should().Be(1);
        error.InnerException.Should().BeAssignableTo<ArgumentException>();
        error.Message.Should().Contain("Migration 1").And.Contain("EmptyColumnName");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_CancelledBeforeStart_ThrowsAndAppliesNothing()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Basic");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => runner.MigrateUpAsync(cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }
}
