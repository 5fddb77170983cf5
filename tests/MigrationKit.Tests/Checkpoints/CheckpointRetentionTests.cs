using MigrationKit.Checkpoints;

namespace MigrationKit.Tests.Checkpoints;

/// <summary>Retention arithmetic: routine 7 days, emergency 30 days, milestones never, by default; each configurable.</summary>
public class CheckpointRetentionTests
{
    private static readonly DateTimeOffset Taken = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase(CheckpointKind.Routine, 7)]
    [TestCase(CheckpointKind.Emergency, 30)]
    public void IsExpired_AtTheRetentionPeriod_ExpiresNotBefore(CheckpointKind kind, int days)
    {
        var options = new CheckpointOptions();
        var checkpoint = Checkpoint(kind);

        CheckpointStore.IsExpired(checkpoint, options, Taken + TimeSpan.FromDays(days) - TimeSpan.FromTicks(1)).Should().BeFalse();
        CheckpointStore.IsExpired(checkpoint, options, Taken + TimeSpan.FromDays(days)).Should().BeTrue();
    }

    [Test]
    public void IsExpired_Milestone_NeverByDefault()
    {
        CheckpointStore.IsExpired(Checkpoint(CheckpointKind.Milestone), new CheckpointOptions(), Taken.AddYears(100)).Should().BeFalse();
    }

    [Test]
    public void IsExpired_ConfiguredPeriods_AreUsed()
    {
        var options = new CheckpointOptions { RoutineRetention = null, MilestoneRetention = TimeSpan.FromHours(2), EmergencyRetention = TimeSpan.Zero };

        CheckpointStore.IsExpired(Checkpoint(CheckpointKind.Routine), options, Taken.AddYears(10)).Should().BeFalse();
        CheckpointStore.IsExpired(Checkpoint(CheckpointKind.Milestone), options, Taken.AddHours(1)).Should().BeFalse();
        CheckpointStore.IsExpired(Checkpoint(CheckpointKind.Milestone), options, Taken.AddHours(2)).Should().BeTrue();
        CheckpointStore.IsExpired(Checkpoint(CheckpointKind.Emergency), options, Taken).Should().BeTrue();
    }

    [Test]
    public void IsExpired_ClockBeforeCreation_NotExpired()
    {
        CheckpointStore.IsExpired(Checkpoint(CheckpointKind.Routine), new CheckpointOptions(), Taken.AddDays(-30)).Should().BeFalse();
    }

    [Test]
    public void RetentionOf_Defaults()
    {
        var options = new CheckpointOptions();

        options.RetentionOf(CheckpointKind.Routine).Should().Be(TimeSpan.FromDays(7));
        options.RetentionOf(CheckpointKind.Emergency).Should().Be(TimeSpan.FromDays(30));
        options.RetentionOf(CheckpointKind.Milestone).Should().BeNull();
        options.Invoking(o => o.RetentionOf((CheckpointKind)42)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static Checkpoint Checkpoint(CheckpointKind kind) =>
        new("id", 1, Taken, CheckpointLevel.Full, kind, 10, "00", "test", "1.0", "id.db");
}
