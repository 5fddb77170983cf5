using MigrationKit.Rollback;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// The way back says truthfully what it loses (issue 12 part 5): a step whose Up destroyed data needs a checkpoint taken
/// before it, or the caller's explicit acceptance of the loss, which the plan names; what a Down destroys is judged on
/// the data, live, so dropping an empty column stays logical and dropping one that holds values is refused with the count.
/// </summary>
/// <typeparam name="TTarget">The provider's target; its provider must return a backup from <c>CreateBackup</c>.</typeparam>
[TestFixture]
public abstract class RollbackDataLossSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const string Scenario = "RollbackDataLoss";
    private const string Members = "INSERT INTO \"members\" (\"id\", \"name\", \"email\") VALUES (1, 'ada', 'ada@example.com'), (2, 'bob', 'bob@example.com'), (3, 'cy', NULL)";
    private string _directory = string.Empty;

    /// <summary>A private checkpoint folder per test.</summary>
    [SetUp]
    public void CreateCheckpointDirectory() =>
        _directory = Path.Combine(Path.GetTempPath(), "migrationkit-checkpoints", Guid.NewGuid().ToString("N"));

    /// <summary>Deletes the test's checkpoint folder.</summary>
    [TearDown]
    public void DeleteCheckpointDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>An Up that dropped a column with data: the checkpoint taken before it is restored, and the addresses come back.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_UpDroppedColumnWithData_RestoresCheckpointTakenBeforeIt()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Scenario, o => o.Checkpoints.Directory = _directory);
        await runner.MigrateUpAsync(1);
        await database.ExecuteAsync(Members);
        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync();
        await runner.MigrateUpAsync(2);

        var plan = await runner.RollbackManager.PlanRollbackAsync(RollbackTarget.ToVersion(1));

        plan.Method.Should().Be(RollbackMethod.Physical);
        plan.Checkpoint.Should().Be(checkpoint);
        plan.LogicalBlockers.Should().ContainSingle().Which.Should().Contain("Migration 2 'Drop member email'").And.Contain("its Up destroyed data (drop column members.email)");
        plan.Reason.Should().Contain("not safe").And.Contain(checkpoint.Id);

        var result = await runner.RollbackManager.RollbackAsync(RollbackTarget.ToVersion(1));

        result.Version.Should().Be(1);
        (await database.ScalarAsync("SELECT COUNT(\"email\") FROM \"members\"")).Should().Be(2, "the checkpoint brought the addresses back");
    }

    /// <summary>Without a checkpoint, the step back is refused; accepted explicitly, it runs and the plan names the loss.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_UpDroppedColumnWithoutCheckpoint_RefusedUnlessTheLossIsAccepted()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Scenario);
        await runner.MigrateUpAsync(1);
        await database.ExecuteAsync(Members);
        await runner.MigrateUpAsync(2);

        var error = (await runner.Invoking(r => r.RollbackManager.PlanRollbackAsync(RollbackTarget.ToVersion(1))).Should().ThrowAsync<RollbackNotPossibleException>()).Which;
        error.Blockers.Should().ContainSingle().Which.Should().Contain("its Up destroyed data (drop column members.email)");
        (await runner.GetStatusAsync()).Applied.Should().HaveCount(2, "a refused rollback changes nothing");

        var accepted = RollbackTarget.ToVersion(1).AcceptingDataLoss();
        var plan = await runner.RollbackManager.PlanRollbackAsync(accepted);

        plan.Method.Should().Be(RollbackMethod.Logical);
        plan.DataLoss.Should().ContainSingle().Which.Should().Contain("Migration 2").And.Contain("drop column members.email");
        plan.Reason.Should().Contain("accepted the loss").And.Contain("drop column members.email");
        var result = await runner.RollbackManager.RollbackAsync(accepted);
        result.Version.Should().Be(1);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"members\" WHERE \"email\" IS NOT NULL")).Should().Be(0, "the column is back, empty, as the plan said");
    }

    /// <summary>A Down that drops a column holding no value loses nothing: logical, and the reason says what was checked.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_DownDropsEmptyColumn_StaysLogical()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Scenario);
        await runner.MigrateUpAsync(1);
        await database.ExecuteAsync(Members);
        await runner.MigrateUpAsync(3);

        var plan = await runner.RollbackManager.PlanRollbackAsync(RollbackTarget.StepsBack(1));

        plan.Method.Should().Be(RollbackMethod.Logical);
        plan.Reason.Should().Contain("loses no data").And.Contain("drop column members.nickname of migration 3").And.Contain("holds no value");
        plan.DataLoss.Should().BeEmpty();
        (await runner.RollbackManager.RollbackAsync(RollbackTarget.StepsBack(1))).Version.Should().Be(2);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"members\"")).Should().Be(3);
    }

    /// <summary>The same Down with values in the column: refused without a checkpoint, naming the step, the column and the count.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_DownDropsColumnHoldingValues_RefusedNamingTheCount()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Scenario);
        await runner.MigrateUpAsync(1);
        await database.ExecuteAsync(Members);
        await runner.MigrateUpAsync(3);
        await database.ExecuteAsync("UPDATE \"members\" SET \"nickname\" = 'x' WHERE \"id\" IN (1, 2)");

        var error = (await runner.Invoking(r => r.RollbackManager.PlanRollbackAsync(RollbackTarget.StepsBack(1))).Should().ThrowAsync<RollbackNotPossibleException>()).Which;

        error.Blockers.Should().ContainSingle().Which.Should().Be("Migration 3 'Add member nickname': its Down destroys data (drop column members.nickname, which holds 2 value(s))");
        (await database.ScalarAsync("SELECT COUNT(\"nickname\") FROM \"members\"")).Should().Be(2);
    }
}
