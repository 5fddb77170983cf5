namespace MigrationKit.Fleet;

/// <summary>One target's line in a fleet report.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="IsCanary">Whether it ran among the canaries.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="VersionBefore">The version before the run, or <see langword="null"/> when it could not be read (or the target was skipped).</param>
/// <param name="VersionAfter">The version after the run, or <see langword="null"/> when it could not be read (or the target was skipped).</param>
/// <param name="Applied">The versions applied, in order.</param>
/// <param name="Duration">How long the target took, status reads included.</param>
/// <param name="Error">Why it failed, for <see cref="FleetOutcome.Failed"/>.</param>
public sealed record FleetTargetResult(
    string Target,
    bool IsCanary,
    FleetOutcome Outcome,
    long? VersionBefore,
    long? VersionAfter,
    IReadOnlyList<long> Applied,
    TimeSpan Duration,
    Exception? Error);
