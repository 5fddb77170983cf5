using System.Diagnostics;
using MigrationKit.History;

namespace MigrationKit.Runs;

/// <summary>
/// The pure part of run records, tested without a database: which unfinished runs were interrupted, and the
/// statistics per UTC day (counts, error rate, nearest-rank step-duration percentiles).
/// </summary>
internal static class RunRecords
{
    /// <summary>
    /// Reports a run that never recorded an end as <see cref="MigrationRunOutcome.Interrupted"/> when a run that started
    /// after it has finished (runs that take the lock one after another cannot overlap, and where they can — SQLite
    /// holds no run-level lock — one that started later and already ended is the mark of a dead one), or when it ran on
    /// this host in a process that is gone. Anything else stays <see cref="MigrationRunOutcome.Running"/>.
    /// </summary>
    /// <param name="newestFirst">The runs, newest first (by start, then by order of writing).</param>
    /// <param name="host">This machine's name.</param>
    /// <param name="isProcessAlive">Whether a process id of this host is running.</param>
    public static IReadOnlyList<MigrationRun> Resolve(IReadOnlyList<MigrationRun> newestFirst, string host, Func<int, bool> isProcessAlive)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(isProcessAlive);
        var resolved = new MigrationRun[newestFirst.Count];
        var laterFinished = false;
        for (var i = 0; i < newestFirst.Count; i++)
        {
            var run = newestFirst[i];
            var gone = string.Equals(run.Host, host, StringComparison.OrdinalIgnoreCase) && !isProcessAlive(run.ProcessId);
            resolved[i] = run.Outcome == MigrationRunOutcome.Running && (laterFinished || gone) ? run with { Outcome = MigrationRunOutcome.Interrupted } : run;
            laterFinished |= run.FinishedAt is not null;
        }

        return resolved;
    }

    /// <summary>Whether a process of this machine is running: the default check of <see cref="Resolve"/>.</summary>
    public static bool IsProcessAlive(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The figures per UTC day of start, oldest day first, and over all <paramref name="runs"/>.</summary>
    /// <param name="runs">The runs, in any order, with their journal entries.</param>
    /// <param name="since">The start of the period asked for, echoed in the result.</param>
    public static RunStatistics Statistics(IReadOnlyList<MigrationRun> runs, DateTimeOffset? since)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var days = runs.GroupBy(r => DateOnly.FromDateTime(r.StartedAt.UtcDateTime))
            .OrderBy(g => g.Key)
            .Select(g => Figures(g.Key, g.ToArray()))
            .ToArray();
        return new RunStatistics(since, days, Figures(null, runs));
    }

    /// <summary>
    /// The nearest-rank percentile of <paramref name="sorted"/> (ascending): the smallest value with at least
    /// <paramref name="percent"/>% of the values at or below it; <see langword="null"/> when there are none.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, int percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (sorted.Count == 0)
        {
            return null;
        }

        // ceil(p/100 × n) in integers, so no rounding of a double can move the rank.
        var rank = ((percent * sorted.Count) + 99) / 100;
        return sorted[rank - 1];
    }

    /// <summary>Whether a journal entry is a completed step whose duration counts: an up, down or repeatable that succeeded.</summary>
    public static bool IsTimedStep(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Status == JournalStatus.Succeeded && entry.Duration is not null
            && entry.Action is JournalAction.Up or JournalAction.Down or JournalAction.Repeatable;
    }

    private static RunFigures Figures(DateOnly? day, IReadOnlyCollection<MigrationRun> runs)
    {
        var failures = runs.Count(r => r.Outcome is MigrationRunOutcome.Failed or MigrationRunOutcome.Interrupted);
        var durations = runs.SelectMany(r => r.Entries).Where(IsTimedStep).Select(e => e.Duration!.Value).Order().ToArray();
        return new RunFigures(
            day,
            runs.Count,
            failures,
            runs.Count == 0 ? 0 : (double)failures / runs.Count,
            durations.Length,
            Percentile(durations, 50),
            Percentile(durations, 95));
    }
}
