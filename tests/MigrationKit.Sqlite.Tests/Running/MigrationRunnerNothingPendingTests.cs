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
}
