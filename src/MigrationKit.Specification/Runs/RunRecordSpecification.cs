using MigrationKit.History;
using MigrationKit.Runs;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// Run records: every run that takes the lock and does something (or fails) is one row with who, where, what, how it
/// ended, its steps and retries, and its journal entries carry its id; a start with nothing pending writes none; a run
/// that never recorded its end reads as interrupted once a later run finished; statistics count exactly the runs made;
/// a database created before runs were recorded gets the table on its next run.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class RunRecordSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const string Basic = "Basic";
    private const string Failing = "Failing";
    private const string Who = "spec-runner";

    /// <summary>A run up is one succeeded run with its host, process, target, versions and steps; its journal entries carry its id.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task UpRun_IsRecordedAsSucceeded_WithItsJournalEntries()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Basic, o => o.AppliedBy = Who);

        var result = await runner.MigrateUpAsync();

        var run = (await runner.GetRunsAsync()).Should().ContainSingle().Which;
        run.RunId.Should().Be(result.RunId).And.NotBe(Guid.Empty);
        run.Command.Should().Be(MigrationRunCommand.Up);
        run.Target.Should().Be("latest");
        run.Outcome.Should().Be(MigrationRunOutcome.Succeeded);
        run.AppliedBy.Should().Be(Who);
        run.Host.Should().Be(Environment.MachineName);
        run.ProcessId.Should().Be(Environment.ProcessId);
        run.FromVersion.Should().Be(0);
        run.ToVersion.Should().Be(3);
        run.StepsApplied.Should().Be(3);
        run.Retries.Should().Be(0);
        run.Error.Should().BeNull();
        run.FinishedAt.Should().NotBeNull().And.BeOnOrAfter(run.StartedAt);
        run.Duration.Should().NotBeNull();
        run.Duration!.Value.Should().BeCloseTo(run.FinishedAt!.Value - run.StartedAt, TimeSpan.FromMilliseconds(2), "the duration is stored in whole milliseconds");

        var journal = await runner.GetJournalAsync();
        journal.Should().OnlyContain(e => e.RunId == run.RunId, "every entry of the only run carries its id");
        run.Entries.Should().BeEquivalentTo(journal, o => o.WithStrictOrdering());
        run.Entries.Where(e => e.Status == JournalStatus.Succeeded).Select(e => e.Version).Should().Equal(1L, 2L, 3L);
        (await runner.ReadSchemaAsync()).Tables.Select(t => t.Name.Name).Should().NotContain("__migrationkit_runs", "schema reads leave the bookkeeping tables out");
    }

    /// <summary>A failing migration leaves a failed run with the error, the steps that committed before it and its failed entry.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task FailingMigration_IsRecordedAsAFailedRunWithTheError()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Failing);

        var failure = (await runner.Awaiting(r => r.MigrateUpAsync()).Should().ThrowAsync<MigrationFailedException>()).Which;

        var run = (await runner.GetRunsAsync()).Should().ContainSingle().Which;
        run.Outcome.Should().Be(MigrationRunOutcome.Failed);
        run.Error.Should().Be(failure.Message);
        run.StepsApplied.Should().Be(1, "migration 1 committed before 2 failed and rolled back");
        run.ToVersion.Should().BeNull();
        run.FinishedAt.Should().NotBeNull();
        run.Entries.Select(e => (e.Version, e.Status)).Should().Contain([(1L, JournalStatus.Succeeded), (2L, JournalStatus.Failed)]);
        run.Entries.Should().OnlyContain(e => e.RunId == run.RunId);
    }

    /// <summary>Down and rollback runs are recorded with their command, target and versions, newest first.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task DownAndRollbackRuns_AreRecordedNewestFirst()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Basic);
        var up = await runner.MigrateUpAsync();
        var down = await runner.MigrateDownAsync(1);
        var back = await runner.RollbackAsync(1);

        var runs = await runner.GetRunsAsync();

        runs.Select(r => r.RunId).Should().Equal(back.RunId, down.RunId, up.RunId);
        runs.Select(r => (r.Command, r.Target, r.FromVersion, r.ToVersion, r.StepsApplied, r.Outcome)).Should().Equal(
            (MigrationRunCommand.Rollback, "1 step(s) back", 1L, (long?)0L, 1, MigrationRunOutcome.Succeeded),
            (MigrationRunCommand.Down, "1", 3L, (long?)1L, 2, MigrationRunOutcome.Succeeded),
            (MigrationRunCommand.Up, "latest", 0L, (long?)3L, 3, MigrationRunOutcome.Succeeded));
        runs[1].Entries.Where(e => e.Status == JournalStatus.Succeeded).Select(e => (e.Version, e.Action)).Should().Equal((3L, JournalAction.Down), (2L, JournalAction.Down));
    }

    /// <summary>A baseline is recorded as a run with the versions it marked and its journal entry.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Baseline_IsRecordedAsARun()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Basic);

        await runner.BaselineAsync(2);

        var run = (await runner.GetRunsAsync()).Should().ContainSingle().Which;
        (run.Command, run.Target, run.ToVersion, run.StepsApplied, run.Outcome).Should().Be((MigrationRunCommand.Baseline, "2", (long?)2L, 2, MigrationRunOutcome.Succeeded));
        run.Entries.Should().ContainSingle().Which.Action.Should().Be(JournalAction.Baseline);
    }

    /// <summary>A reviewed plan carried out is recorded as such.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task ExecutedPlan_IsRecordedAsAPlanRun()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Basic);
        var plan = await runner.PlanAsync(2);

        var result = await runner.ExecutePlanAsync(plan);

        var run = (await runner.GetRunsAsync()).Should().ContainSingle().Which;
        (run.RunId, run.Command, run.Target, run.ToVersion, run.StepsApplied).Should().Be((result.RunId, MigrationRunCommand.ExecutePlan, "2", (long?)2L, 2));
    }

    /// <summary>A start that finds nothing pending writes no run (it stays the one read of the quick path).</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task NothingPendingStart_WritesNoRun()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var first = Runner(database, Basic))
        {
            await first.MigrateUpAsync();
        }

        await using var runner = Runner(database, Basic);
        var again = await runner.MigrateUpAsync();

        again.NothingToDo.Should().BeTrue();
        (await runner.GetRunsAsync()).Should().ContainSingle("only the first run did something");
    }

    /// <summary>A run whose end was never written (its connection lost at the end) reads as running until a later run finishes, then as interrupted.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task UnfinishedRun_ReadsAsInterruptedOnceALaterRunFinished()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var lost = Runner(new HookedProvider(database.CreateProvider(), (stage, _, _) =>
            stage == RunStage.RunFinishing ? throw new InvalidOperationException("connection lost before the run's end was written") : Task.CompletedTask), Basic))
        {
            await lost.Awaiting(r => r.MigrateUpAsync(1)).Should().ThrowAsync<InvalidOperationException>();
        }

        await using var runner = Runner(database, Basic);
        var unfinished = (await runner.GetRunsAsync()).Should().ContainSingle().Which;
        unfinished.Outcome.Should().Be(MigrationRunOutcome.Running, "its process (this one) is alive and no later run finished");
        unfinished.FinishedAt.Should().BeNull();

        var later = await runner.MigrateUpAsync();

        (await runner.GetRunsAsync()).Select(r => (r.RunId, r.Outcome)).Should().Equal(
            (later.RunId, MigrationRunOutcome.Succeeded),
            (unfinished.RunId, MigrationRunOutcome.Interrupted));
        var statistics = await runner.GetRunStatisticsAsync();
        (statistics.Total.Runs, statistics.Total.Failures).Should().Be((2, 1), "an interrupted run counts as a failure");
    }

    /// <summary>Statistics over the runs made: counts and error rate exact, step percentiles from the journal's durations.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Statistics_CountTheRunsMade()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Failing);
        await runner.MigrateUpAsync(1);
        await runner.Awaiting(r => r.MigrateUpAsync()).Should().ThrowAsync<MigrationFailedException>();
        await runner.RollbackAsync(1);

        var statistics = await runner.GetRunStatisticsAsync();

        var runs = await runner.GetRunsAsync();
        runs.Select(r => r.Outcome).Should().Equal(MigrationRunOutcome.Succeeded, MigrationRunOutcome.Failed, MigrationRunOutcome.Succeeded);
        var durations = (await runner.GetJournalAsync())
            .Where(e => e.Status == JournalStatus.Succeeded && e.Action is JournalAction.Up or JournalAction.Down)
            .Select(e => e.Duration!.Value).Order().ToArray();
        durations.Should().HaveCount(2, "migration 1 up in the first run and down in the third");
        statistics.Since.Should().BeNull();
        statistics.Total.Should().Be(new RunFigures(null, 3, 1, 1.0 / 3, 2, durations[0], durations[1]));
        statistics.Days.Sum(d => d.Runs).Should().Be(3);
        statistics.Days.Select(d => d.Day!.Value).Should().BeEquivalentTo(runs.Select(r => DateOnly.FromDateTime(r.StartedAt.UtcDateTime)).Distinct());
    }

    /// <summary>Runs started before <c>since</c> are left out of the runs and the statistics.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Since_LeavesOutEarlierRuns()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Basic);
        await runner.MigrateUpAsync(1);
        var second = await runner.MigrateUpAsync(2);
        var third = await runner.MigrateUpAsync();
        var all = await runner.GetRunsAsync();
        var since = all.Single(r => r.RunId == second.RunId).StartedAt;
        all[^1].StartedAt.Should().BeBefore(since, "the first run started earlier (precondition)");

        var recent = await runner.GetRunsAsync(since);

        recent.Select(r => r.RunId).Should().Equal(third.RunId, second.RunId);
        recent.SelectMany(r => r.Entries).Select(e => e.Version).Distinct().Should().BeEquivalentTo([2L, 3L], "only the entries of those runs are read");
        (await runner.GetRunStatisticsAsync(since)).Total.Runs.Should().Be(2);
    }

    /// <summary>A database whose history was created without a runs table gets one on its next run that does something.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task DatabaseWithoutRunsTable_GetsItOnItsNextRun()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Basic);
        await runner.MigrateUpAsync(1);
        await database.ExecuteAsync("DROP TABLE \"__migrationkit_runs\"");
        (await runner.GetRunsAsync()).Should().BeEmpty("there is no runs table to read");

        var result = await runner.MigrateUpAsync();

        var run = (await runner.GetRunsAsync()).Should().ContainSingle().Which;
        (run.RunId, run.FromVersion, run.ToVersion, run.StepsApplied, run.Outcome).Should().Be((result.RunId, 1L, (long?)3L, 2, MigrationRunOutcome.Succeeded));
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1L, 2L, 3L);
    }
}
