using MigrationKit.History;

namespace MigrationKit.Runs;

/// <summary>
/// One run of the runner that took the lock and did something or failed: who ran it, where, what it was asked to do,
/// how it ended, and the journal entries it wrote. A start that found nothing pending writes no run.
/// </summary>
/// <param name="RunId">The run's id, the same as <see cref="JournalEntry.RunId"/> on its journal entries and <see cref="MigrationResult.RunId"/>.</param>
/// <param name="Command">What started it.</param>
/// <param name="Target">The target in words: <c>latest</c>, a version, or <c>2 step(s) back</c>.</param>
/// <param name="StartedAt">When it started (UTC).</param>
public sealed record MigrationRun(Guid RunId, MigrationRunCommand Command, string Target, DateTimeOffset StartedAt)
{
    /// <summary>Who ran it (<see cref="MigrationKitOptions.AppliedBy"/>).</summary>
    public string AppliedBy { get; init; } = string.Empty;

    /// <summary>The machine it ran on.</summary>
    public string Host { get; init; } = string.Empty;

    /// <summary>The id of the process that ran it, on <see cref="Host"/>.</summary>
    public int ProcessId { get; init; }

    /// <summary>The newest applied version when it started (0 for none).</summary>
    public long FromVersion { get; init; }

    /// <summary>The newest applied version when it ended; <see langword="null"/> when it did not record an end.</summary>
    public long? ToVersion { get; init; }

    /// <summary>When it ended (UTC); <see langword="null"/> when it did not record an end.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How long it took; <see langword="null"/> when it did not record an end.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>How it ended.</summary>
    public MigrationRunOutcome Outcome { get; init; } = MigrationRunOutcome.Running;

    /// <summary>The migrations (and repeatable migrations) it applied or reverted and committed.</summary>
    public int StepsApplied { get; init; }

    /// <summary>The attempts it retried after a lock timeout (<see cref="MigrationKitOptions.LockRetry"/>).</summary>
    public int Retries { get; init; }

    /// <summary>The error it ended on, for a failed or cancelled run.</summary>
    public string? Error { get; init; }

    /// <summary>The journal entries it wrote, oldest first (filled by <see cref="IMigrationRunner.GetRunsAsync"/>).</summary>
    public IReadOnlyList<JournalEntry> Entries { get; init; } = [];
}
