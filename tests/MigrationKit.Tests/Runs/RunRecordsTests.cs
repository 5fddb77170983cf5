using MigrationKit.History;
using MigrationKit.Runs;

namespace MigrationKit.Tests.Runs;

public sealed class RunRecordsTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = Day1.AddDays(1);

    [Test]
    public void Percentile_NearestRank_OverTwentyValues()
    {
        var sorted = Enumerable.Range(1, 20).Select(i => TimeSpan.FromMilliseconds(i * 10)).ToArray();

        // ceil(0.5 × 20) = 10th value, ceil(0.95 × 20) = 19th value, ceil(0.01 × 20) = 1st, 100% = the largest.
        RunRecords.Percentile(sorted, 50).Should().Be(TimeSpan.FromMilliseconds(100));
        RunRecords.Percentile(sorted, 95).Should().Be(TimeSpan.FromMilliseconds(190));
        RunRecords.Percentile(sorted, 1).Should().Be(TimeSpan.FromMilliseconds(10));
        RunRecords.Percentile(sorted, 100).Should().Be(TimeSpan.FromMilliseconds(200));
    }

    [TestCase(1, 50, 1)]
    [TestCase(1, 95, 1)]
    [TestCase(2, 50, 1)]
    [TestCase(2, 95, 2)]
    [TestCase(3, 50, 2)]
    [TestCase(7, 95, 7)]
    [TestCase(10, 50, 5)]
    [TestCase(21, 95, 20)]
    public void Percentile_PicksTheNearestRank(int count, int percent, int expectedRank)
    {
        var sorted = Enumerable.Range(1, count).Select(i => TimeSpan.FromSeconds(i)).ToArray();

        RunRecords.Percentile(sorted, percent).Should().Be(TimeSpan.FromSeconds(expectedRank));
    }

    [Test]
    public void Percentile_OfNothing_IsNull() =>
        RunRecords.Percentile([], 50).Should().BeNull();

    [TestCase(0)]
    [TestCase(101)]
    public void Percentile_OutOfRange_Throws(int percent)
    {
        var act = () => RunRecords.Percentile([TimeSpan.Zero], percent);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Statistics_GroupByUtcDayOfStart_CountFailuresAndInterruptionsButNotCancellations()
    {
        var runs = new[]
        {
            Run(Day1.AddHours(1), MigrationRunOutcome.Succeeded, 100, 300, 200),
            Run(Day1.AddHours(2), MigrationRunOutcome.Failed),
            Run(Day1.AddHours(23).AddMinutes(59), MigrationRunOutcome.Cancelled),
            Run(Day2.AddHours(-1).AddMinutes(30) + TimeSpan.FromHours(2), MigrationRunOutcome.Interrupted, 50),
            Run(Day2.AddHours(5), MigrationRunOutcome.Succeeded, 10),
        };

        var statistics = RunRecords.Statistics(runs, Day1);

        statistics.Since.Should().Be(Day1);
        statistics.Days.Should().Equal(
            new RunFigures(new DateOnly(2026, 12, 1), 3, 1, 1.0 / 3, 3, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300)),
            new RunFigures(new DateOnly(2026, 12, 2), 2, 1, 0.5, 2, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50)));
        statistics.Total.Should().Be(new RunFigures(null, 5, 2, 0.4, 5, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)));
    }

    [Test]
    public void Statistics_DayIsTheUtcDayEvenForAnOffsetTimestamp()
    {
        // 23:30 at UTC-2 on the 1st is 01:30 UTC on the 2nd.
        var run = Run(new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.FromHours(-2)), MigrationRunOutcome.Succeeded);

        RunRecords.Statistics([run], null).Days.Should().ContainSingle().Which.Day.Should().Be(new DateOnly(2026, 12, 2));
    }

    [Test]
    public void Statistics_OnlySucceededTimedStepsCount()
    {
        var id = Guid.NewGuid();
        var run = new MigrationRun(id, MigrationRunCommand.Up, "latest", Day1)
        {
            Outcome = MigrationRunOutcome.Failed,
            Entries =
            [
                new JournalEntry(id, 1, JournalAction.Up, JournalStatus.Started, Day1),
                new JournalEntry(id, 1, JournalAction.Up, JournalStatus.Succeeded, Day1) { Duration = TimeSpan.FromMilliseconds(40) },
                new JournalEntry(id, 2, JournalAction.Up, JournalStatus.Failed, Day1) { Error = "boom" },
                new JournalEntry(id, null, JournalAction.Checkpoint, JournalStatus.Succeeded, Day1) { Duration = TimeSpan.FromSeconds(9) },
                new JournalEntry(id, null, JournalAction.Repeatable, JournalStatus.Succeeded, Day1) { Duration = TimeSpan.FromMilliseconds(60) },
                new JournalEntry(id, 1, JournalAction.Down, JournalStatus.Succeeded, Day1) { Duration = TimeSpan.FromMilliseconds(20) },
            ],
        };

        var total = RunRecords.Statistics([run], null).Total;

        total.Steps.Should().Be(3);
        total.StepDurationP50.Should().Be(TimeSpan.FromMilliseconds(40));
        total.StepDurationP95.Should().Be(TimeSpan.FromMilliseconds(60));
        total.ErrorRate.Should().Be(1.0);
    }

    [Test]
    public void Statistics_OfNoRuns_AreZeroWithoutPercentiles()
    {
        var statistics = RunRecords.Statistics([], null);

        statistics.Days.Should().BeEmpty();
        statistics.Total.Should().Be(new RunFigures(null, 0, 0, 0, 0, null, null));
    }

    [Test]
    public void Resolve_AnUnfinishedRunBeforeAFinishedOne_IsInterrupted()
    {
        var newestFirst = new[]
        {
            Run(Day1.AddHours(3), MigrationRunOutcome.Succeeded),
            Run(Day1.AddHours(2), MigrationRunOutcome.Running, host: "other"),
        };

        var resolved = RunRecords.Resolve(newestFirst, "here", _ => true);

        resolved.Select(r => r.Outcome).Should().Equal(MigrationRunOutcome.Succeeded, MigrationRunOutcome.Interrupted);
    }

    [Test]
    public void Resolve_TheNewestUnfinishedRunOfALiveProcess_StaysRunning()
    {
        var newestFirst = new[]
        {
            Run(Day1.AddHours(3), MigrationRunOutcome.Running, host: "here", processId: 41),
            Run(Day1.AddHours(2), MigrationRunOutcome.Succeeded),
        };

        var resolved = RunRecords.Resolve(newestFirst, "here", pid => pid == 41);

        resolved.Select(r => r.Outcome).Should().Equal(MigrationRunOutcome.Running, MigrationRunOutcome.Succeeded);
    }

    [Test]
    public void Resolve_AnUnfinishedRunOfAnotherHostWithNoLaterFinishedRun_StaysRunning()
    {
        // Another unfinished run after it proves nothing: it may still be running alongside.
        var newestFirst = new[]
        {
            Run(Day1.AddHours(3), MigrationRunOutcome.Running, host: "a"),
            Run(Day1.AddHours(2), MigrationRunOutcome.Running, host: "b"),
        };

        var resolved = RunRecords.Resolve(newestFirst, "here", _ => false);

        resolved.Select(r => r.Outcome).Should().Equal(MigrationRunOutcome.Running, MigrationRunOutcome.Running);
    }

    [Test]
    public void Resolve_AnUnfinishedRunOfAGoneProcessOnThisHost_IsInterrupted()
    {
        var newestFirst = new[] { Run(Day1, MigrationRunOutcome.Running, host: "HERE", processId: 7) };

        var resolved = RunRecords.Resolve(newestFirst, "here", pid => pid != 7);

        resolved.Single().Outcome.Should().Be(MigrationRunOutcome.Interrupted);
    }

    [Test]
    public void IsProcessAlive_ThisProcessIs_AnExitedChildIsNot()
    {
        RunRecords.IsProcessAlive(Environment.ProcessId).Should().BeTrue();

        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        var pid = child.Id;
        child.WaitForExit();

        RunRecords.IsProcessAlive(pid).Should().BeFalse();
    }

    private static MigrationRun Run(DateTimeOffset startedAt, MigrationRunOutcome outcome, params int[] stepMilliseconds) =>
        Run(startedAt, outcome, "host", 1, stepMilliseconds);

    private static MigrationRun Run(DateTimeOffset startedAt, MigrationRunOutcome outcome, string host, int processId = 1, params int[] stepMilliseconds)
    {
        var id = Guid.NewGuid();
        return new MigrationRun(id, MigrationRunCommand.Up, "latest", startedAt)
        {
            Host = host,
            ProcessId = processId,
            Outcome = outcome,
            FinishedAt = outcome == MigrationRunOutcome.Running ? null : startedAt.AddSeconds(1),
            Entries = stepMilliseconds.Select((ms, i) => new JournalEntry(id, i + 1, JournalAction.Up, JournalStatus.Succeeded, startedAt) { Duration = TimeSpan.FromMilliseconds(ms) }).ToArray(),
        };
    }
}
