namespace MigrationKit.Execution;

/// <summary>The retry decisions for a migration that ran into a lock timeout, apart from the waiting, so they are tested without a database.</summary>
internal static class LockRetry
{
    /// <summary>
    /// Whether a failed attempt may be retried: it ran in a transaction (so it rolled back completely) and the provider
    /// recognizes its cause as a lock timeout. A step without a transaction may have done part of its work, so it never is.
    /// </summary>
    public static bool IsRetryable(MigrationFailedException failure, Func<Exception, bool> isLockTimeout)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(isLockTimeout);
        return failure.Transactional && failure.InnerException is { } cause && isLockTimeout(cause);
    }

    /// <summary>The pause before the next attempt after attempt <paramref name="attempt"/> failed; <see langword="null"/> when the attempts are used up.</summary>
    public static TimeSpan? DelayBeforeNext(LockRetryOptions policy, int attempt, double jitter)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return attempt >= policy.MaxAttempts ? null : policy.DelayAfter(attempt, jitter);
    }
}
