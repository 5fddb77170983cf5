using MigrationKit.Checkpoints;
using MigrationKit.Operations;
using MigrationKit.Rollback;

namespace MigrationKit.Tests.Rollback;

/// <summary>The choice between Down migrations and a checkpoint, without a database.</summary>
public class RollbackPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly QualifiedName Orders = new("orders");
    private static readonly long[] Code = [1, 2, 3, 4];

    [Test]
    public void Plan_EveryDownSafe_ChoosesLogical()
    {
        var steps = new[] { Step(3, new DropIndexOperation(Orders, "ix_a")), Step(2, new RenameColumnOperation(Orders, "b", "a")) };

        var plan = RollbackPlanner.Plan(RollbackTarget.ToVersion(1), 3, 1, steps, [Full(1)], Code, Now);

        plan.Method.Should().Be(RollbackMethod.Logical);
        plan.Reverted.Should().Equal(3, 2);
        plan.Checkpoint.Should().BeNull("a safe logical rollback needs no checkpoint, even when one exists");
        plan.LogicalBlockers.Should().BeEmpty();
        plan.Reason.Should().Contain("reversible").And.Contain("migrations 3, 2");
    }

    [Test]
    public void Plan_DestructiveDown_ChoosesNewestFullCheckpointAtOrBelowTarget()
    {
        var steps = new[] { Step(4, new DropIndexOperation(Orders, "ix_a")), Step(3, new DropColumnOperation(Orders, "tier")) };
        var atTarget = Full(2, Now.AddHours(-3));
        Checkpoint[] checkpoints = [Full(1, Now.AddHours(-5)), atTarget, Full(3, Now.AddHours(-1)), Full(2, Now.AddHours(-2)) with { Level = CheckpointLevel.Schema }];

        var plan = RollbackPlanner.Plan(RollbackTarget.ToVersion(2), 4, 2, steps, checkpoints, Code, Now);

        plan.Method.Should().Be(RollbackMethod.Physical);
        plan.Checkpoint.Should().Be(atTarget, "the schema-only one would lose rows and the version-3 one is above the target");
        plan.Reapplied.Should().BeEmpty();
        plan.LogicalBlockers.Should().ContainSingle().Which.Should().Contain("Migration 3").And.Contain("drop column orders.tier");
        plan.Reason.Should().Contain("not safe").And.Contain(atTarget.Id).And.Contain("3 hours ago");
    }

    [Test]
    public void Plan_OlderCheckpoint_ReappliesUpToTarget()
    {
        var steps = new[] { Step(4, new SqlOperation("UPDATE x SET y = 1")), Step(3, new DropIndexOperation(Orders, "ix")) };

        var plan = RollbackPlanner.Plan(RollbackTarget.StepsBack(2), 4, 2, steps, [Full(0)], Code, Now);

        plan.Method.Should().Be(RollbackMethod.Physical);
        plan.Reapplied.Should().Equal(1, 2);
        plan.LogicalBlockers.Should().ContainSingle().Which.Should().Contain("raw SQL");
    }

    [Test]
    public void Plan_MissingDown_WithoutCheckpoint_ThrowsNamingStepAndRemedy()
    {
        var steps = new[] { Step(3, new DropTableOperation(Orders)), new RollbackStep(2, "Edit", null, "it has no Down and cannot derive one") };

        var act = () => RollbackPlanner.Plan(RollbackTarget.ToVersion(1), 3, 1, steps, [Full(2)], Code, Now);

        var error = act.Should().Throw<RollbackNotPossibleException>().Which;
        error.TargetVersion.Should().Be(1);
        error.Blockers.Should().HaveCount(2);
        error.Blockers[1].Should().Contain("Migration 2 'Edit'").And.Contain("no Down");
        error.Message.Should().Contain("Take checkpoints").And.Contain("Migration 3");
    }

    [Test]
    public void Plan_NothingAboveTarget_NothingToDo()
    {
        var plan = RollbackPlanner.Plan(RollbackTarget.ToVersion(2), 2, 2, [], [], Code, Now);

        plan.Method.Should().Be(RollbackMethod.Logical);
        plan.Reverted.Should().BeEmpty();
        plan.TargetVersion.Should().Be(2);
        plan.Reason.Should().Contain("nothing to undo");
    }

    [Test]
    public void PlanRestore_NamedCheckpoint_PhysicalRevertingEverythingAbove()
    {
        var checkpoint = Full(1);

        var plan = RollbackPlanner.PlanRestore(RollbackTarget.ToCheckpoint(checkpoint.Id), 3, [1, 2, 3], checkpoint);

        plan.Method.Should().Be(RollbackMethod.Physical);
        plan.TargetVersion.Should().Be(1);
        plan.Reverted.Should().Equal(3, 2);
    }

    [Test]
    public void Plan_UpDestroyedData_NeedsCheckpointEvenWhenTheDownIsHarmless()
    {
        var dropEmail = new DropColumnOperation(Orders, "email");
        var step = Step(3, new AddColumnOperation(Orders, new ColumnDefinition("email", ColumnType.String(200)))) with { Up = [dropEmail] };

        var plan = RollbackPlanner.Plan(RollbackTarget.ToVersion(2), 3, 2, [step], [Full(2)], Code, Now);

        plan.Method.Should().Be(RollbackMethod.Physical);
        plan.LogicalBlockers.Should().ContainSingle().Which.Should().Be("Migration 3 'Migration 3': its Up destroyed data (drop column orders.email) that its Down cannot bring back");
        FluentActions.Invoking(() => RollbackPlanner.Plan(RollbackTarget.ToVersion(2), 3, 2, [step], [], Code, Now)).Should().Throw<RollbackNotPossibleException>();
    }

    [Test]
    public void Plan_LossAcceptedWithoutCheckpoint_LogicalNamingTheLoss()
    {
        var drop = new DropColumnOperation(Orders, "tier");
        var step = Step(3, drop) with { ValuesHeld = new Dictionary<MigrationOperation, long> { [drop] = 7 } };

        var plan = RollbackPlanner.Plan(RollbackTarget.ToVersion(2).AcceptingDataLoss(), 3, 2, [step], [], Code, Now);

        plan.Method.Should().Be(RollbackMethod.Logical);
        plan.DataLoss.Should().Equal("Migration 3 'Migration 3': its Down destroys data (drop column orders.tier, which holds 7 value(s))");
        plan.Reason.Should().Contain("accepted the loss").And.Contain("7 value(s)");
        RollbackTarget.ToVersion(2).AcceptsDataLoss.Should().BeFalse();
    }

    [Test]
    public void Plan_DownDropsWhatHoldsNothing_StaysLogicalSayingWhatWasChecked()
    {
        var dropColumn = new DropColumnOperation(Orders, "note");
        var dropTable = new DropTableOperation(new QualifiedName("tags"));
        var step = Step(3, new DropIndexOperation(Orders, "ix_note"), dropColumn, dropTable) with
        {
            ValuesHeld = new Dictionary<MigrationOperation, long> { [dropColumn] = 0, [dropTable] = 0 },
        };

        var plan = RollbackPlanner.Plan(RollbackTarget.ToVersion(2), 3, 2, [step], [], Code, Now);

        plan.Method.Should().Be(RollbackMethod.Logical);
        plan.Reason.Should().Contain("loses no data").And.Contain("drop column orders.note of migration 3").And.Contain("drop table tags of migration 3").And.Contain("holds no value");
    }

    [Test]
    public void RollbackTarget_BadArguments_Throw()
    {
        FluentActions.Invoking(() => RollbackTarget.ToVersion(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => RollbackTarget.StepsBack(0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => RollbackTarget.ToCheckpoint(" ")).Should().Throw<ArgumentException>();
        RollbackTarget.StepsBack(2).ToString().Should().Be("2 step(s) back");
    }

    private static RollbackStep Step(long version, params MigrationOperation[] down) => new(version, $"Migration {version}", down, null);

    private static Checkpoint Full(long version, DateTimeOffset? at = null) =>
        new($"cp-{version}-{(at ?? Now).Ticks}", version, at ?? Now.AddDays(-1), CheckpointLevel.Full, CheckpointKind.Routine, 1, "00", "test", "1", "cp.db");
}
