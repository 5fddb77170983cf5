using MigrationKit.Checkpoints;
using MigrationKit.Planning;

namespace MigrationKit.Tests.Checkpoints;

/// <summary>The recovery of a run up that failed outside a transaction, decided without a database.</summary>
public sealed class FailureRecoveryTests
{
    private static readonly Checkpoint Taken = new("cp-1", 1, DateTimeOffset.UnixEpoch, CheckpointLevel.Full, CheckpointKind.Routine, 1, "00", "test", "1", "cp.db");

    private static MigrationFailedException Failure(long version, bool transactional, MigrationDirection direction = MigrationDirection.Up) =>
        new(version, "m", direction, "DROP TABLE x", transactional, new InvalidOperationException("boom"));

    [Test]
    public void Applies_OnlyToAStepUpWithoutATransaction()
    {
        FailureRecovery.Applies(MigrationDirection.Up, Failure(3, transactional: false)).Should().BeTrue();
        FailureRecovery.Applies(MigrationDirection.Up, Failure(3, transactional: true)).Should().BeFalse("a transactional step rolled back completely");
        FailureRecovery.Applies(MigrationDirection.Down, Failure(3, transactional: false, MigrationDirection.Down)).Should().BeFalse("no checkpoint is taken before a run down");
    }

    [Test]
    public void Split_NamesWhatRanBeforeTheFailureAndWhatNeverRan()
    {
        var planner = new MigrationPlanner(MigrationCatalog.Create([new MigrationSource(typeof(FailureRecoveryTests).Assembly, "MigrationKit.Tests.Planning.Migrations.Shop")], [], NamingConvention.Default, services: null), new MigrationKitOptions());
        var plan = planner.Plan(MigrationTarget.Up(), []);

        var (appliedInRun, notRun) = FailureRecovery.Split(plan, 3);

        appliedInRun.Should().Equal(1, 2);
        notRun.Should().Equal(4);
    }

    [Test]
    public void Split_NoPlanYet_NamesNothing()
    {
        var (appliedInRun, notRun) = FailureRecovery.Split(null, 3);

        appliedInRun.Should().BeEmpty();
        notRun.Should().BeEmpty();
    }

    [Test]
    public void ShouldRestore_OnlyWithACheckpointAndWhenAsked()
    {
        FailureRecovery.ShouldRestore(Taken, new CheckpointOptions { RestoreOnFailure = true }).Should().BeTrue();
        FailureRecovery.ShouldRestore(Taken, new CheckpointOptions { RestoreOnFailure = false }).Should().BeFalse();
        FailureRecovery.ShouldRestore(null, new CheckpointOptions { RestoreOnFailure = true }).Should().BeFalse("no checkpoint was taken before the run");
    }
}
