namespace MigrationKit;

/// <summary>
/// How the runner retries a transactional migration that failed because a table it needs stayed locked by another
/// session past the provider's lock timeout (PostgreSQL <c>lock_timeout</c>, SQLSTATE 55P03): up to
/// <see cref="MaxAttempts"/> attempts in all, waiting an exponentially growing, jittered pause between them
/// (<see cref="BaseDelay"/> doubled per attempt, capped at <see cref="MaxDelay"/>, then a random 50–100% of that).
/// Each attempt's transaction rolls back completely, so a retry starts from a clean state. Only transactional migrations
/// of a per-migration run are retried: a step without a transaction may have done part of its work, and an
/// all-or-nothing run fails (and rolls back) on the first lock timeout.
/// </summary>
public sealed class LockRetryOptions
{
    private int _maxAttempts = 3;
    private TimeSpan _baseDelay = TimeSpan.FromMilliseconds(200);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Attempts in all, the first included (default 3); 1 turns retrying off.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or more than 100.</exception>
    public int MaxAttempts
    {
        get => _maxAttempts;
        set
        {
            if (value is < 1 or > 100)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxAttempts), value, "LockRetry.MaxAttempts must be between 1 (no retry) and 100.");
            }

            _maxAttempts = value;
        }
    }

    /// <summary>The pause before the second attempt, doubled for each later one (default 200 ms).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or longer than an hour.</exception>
    public TimeSpan BaseDelay
    {
        get => _baseDelay;
        set => _baseDelay = Check(value, nameof(BaseDelay));
    }

    /// <summary>The longest pause between two attempts (default 5 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or longer than an hour.</exception>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = Check(value, nameof(MaxDelay));
    }

    /// <summary>The pause after failed attempt <paramref name="attempt"/> (1-based): exponential, capped, with jitter.</summary>
    /// <param name="attempt">The attempt that just failed.</param>
    /// <param name="jitter">A number in [0, 1) that picks the point in the 50–100% band.</param>
    /// <returns>The pause.</returns>
    internal TimeSpan DelayAfter(int attempt, double jitter)
    {
        var exponential = _baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, _maxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (jitter / 2)));
    }

    private static TimeSpan Check(TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"LockRetry.{name} must be between zero and one hour.");
        }

        return value;
    }
}
