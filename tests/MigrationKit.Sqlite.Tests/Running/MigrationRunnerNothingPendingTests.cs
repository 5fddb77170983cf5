using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Running;

/// <summary>
/// The startup path when nothing is pending reads versions and checksums only; it must answer exactly what the full
/// path answers, and leave every problem to the full path.
/// </summary>
public sealed class MigrationRunnerNothingPendingTests
{
    private const string Basic = "MigrationKit.Sqlite.Tests.Running.Basic";

    [Test]
    public async Task MigrateUp_AllApplied_NothingToDoAtTheHighestVersion()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync();

        var result = await runner.MigrateUpAsync();

        result.NothingToDo.Should().BeTrue();
        (result.FromVersion, result.ToVersion).Should().Be((3L, 3L));
        result.RunId.Should().Be(Guid.Empty);
    }

    [Test]
    public async Task MigrateUp_TargetBelowTheHighestApplied_NothingToDoAtTheHighestVersion()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync();

        var result = await runner.MigrateUpAsync(1);

        result.NothingToDo.Should().BeTrue();
        result.ToVersion.Should().Be(3);
    }

    [Test]
    public async Task MigrateUp_TargetReachedButLaterOnePending_NothingToDoUntilAskedForMore()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync(2);

        (await runner.MigrateUpAsync(2)).NothingToDo.Should().BeTrue();
        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(3);
    }

    [Test]
    public async Task MigrateUp_HistoryRowRemovedByHand_AppliesItAgain()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync(2);
        database.Execute("DELETE FROM __migrationkit_history WHERE version = 1; DROP TABLE items");

        var result = await runner.MigrateUpAsync(2);

        result.Steps.Select(s => s.Version).Should().Equal(1);
    }

    [Test]
    public async Task MigrateUp_DigestCurrent_AnswersFromTheDigestWithoutReadingTheHistoryRows()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync();
        // The full read selects this column; the digest read counts rows only, so only it can still answer.
        database.Execute("ALTER TABLE __migrationkit_history RENAME COLUMN checksum TO checksum_elsewhere");

        var result = await runner.MigrateUpAsync();

        result.NothingToDo.Should().BeTrue();
        result.ToVersion.Should().Be(3);
    }

    [Test]
    public async Task MigrateUp_DatabaseWithoutDigest_FullReadThenRecordsIt()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync();
        database.Execute("DROP TABLE __migrationkit_history_digest");

        (await runner.MigrateUpAsync()).NothingToDo.Should().BeTrue();

        database.Scalar("SELECT COUNT(*) FROM __migrationkit_history_digest").Should().Be(1);
        database.Scalar("SELECT applied FROM __migrationkit_history_digest").Should().Be(3);
        database.Scalar("SELECT journal_id FROM __migrationkit_history_digest").Should().Be(database.Scalar("SELECT MAX(id) FROM __migrationkit_journal"));
    }

    [Test]
    public async Task MigrateUp_JournalEntryAfterTheDigest_DigestNotUsedUntilRecordedAgain()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync();
        var recorded = database.Scalar("SELECT journal_id FROM __migrationkit_history_digest");
        database.Execute("INSERT INTO __migrationkit_journal (run_id, version, action, status, occurred_at, applied_by) SELECT run_id, version, action, 'Succeeded', occurred_at, applied_by FROM __migrationkit_journal WHERE id = 1");
        database.Execute("ALTER TABLE __migrationkit_history RENAME COLUMN checksum TO checksum_elsewhere");

        var act = () => runner.MigrateUpAsync();

        // Not current any more, so the full read runs (and fails on the renamed column) instead of trusting the digest.
        await act.Should().ThrowAsync<MigrationBookkeepingException>();
        database.Scalar("SELECT journal_id FROM __migrationkit_history_digest").Should().Be(recorded);
    }

    [Test]
    public async Task MigrateUp_DigestDiffersFromTheCode_FullReadDecidesAndRecordsItAgain()
    {
        using var database = new TestDatabase();
        await using (var runner = database.Runner(Basic))
        {
            await runner.MigrateUpAsync();
        }

        database.Execute("UPDATE __migrationkit_history_digest SET digest = 7");

        await using var other = database.Runner(Basic);
        var result = await other.MigrateUpAsync();

        // A digest that differs from the code's only sends the run to the full read, which finds nothing wrong and records it again.
        result.NothingToDo.Should().BeTrue();
        database.Scalar("SELECT digest FROM __migrationkit_history_digest").Should().NotBe(7);
        database.Execute("ALTER TABLE __migrationkit_history RENAME COLUMN checksum TO checksum_elsewhere");
        (await other.MigrateUpAsync()).NothingToDo.Should().BeTrue("the digest recorded again answers alone");
    }

    [Test]
    public async Task MigrateDown_ThenUp_DigestFollowsTheHistory()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync();
        await runner.MigrateDownAsync(1);

        database.Scalar("SELECT applied FROM __migrationkit_history_digest").Should().Be(1);
        (await runner.MigrateUpAsync(1)).NothingToDo.Should().BeTrue();
        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2, 3);
        database.Scalar("SELECT applied FROM __migrationkit_history_digest").Should().Be(3);
    }
}
