namespace MigrationKit.Fleet;

/// <summary>How a fleet run proceeds.</summary>
public sealed class FleetRunOptions
{
    private int _maxParallelism = 4;
    private int _canaries;

    /// <summary>How many targets migrate at once (default 4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or more than 256.</exception>
    public int MaxParallelism
    {
        get => _maxParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 256);
            _maxParallelism = value;
        }
    }

    /// <summary>
    /// How many of the first targets run as canaries, before the others (default 0: none). When a canary fails, the other
    /// targets are skipped.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Canaries
    {
        get => _canaries;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _canaries = value;
        }
    }

    /// <summary>The last version to apply on every target, or <see langword="null"/> for all (default).</summary>
    public long? TargetVersion { get; set; }
}
