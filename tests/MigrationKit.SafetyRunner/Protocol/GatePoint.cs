namespace MigrationKit.SafetyRunner.Protocol;

/// <summary>
/// Where a runner program stops and waits for the test: at the <paramref name="Occurrence"/>-th log event named
/// <paramref name="Event"/> (counting only events whose message contains <see cref="Contains"/>, when given). The
/// program prints <c>gated</c> and blocks inside the logging call, that is on the runner's own thread, exactly at that
/// point, until the test writes <c>release</c> on its stdin or kills it. A test that needs a process to be in a given
/// state when it is killed gets it there this way, never by a delay.
/// </summary>
/// <param name="Event">The event name (<c>RunStarting</c>, <c>LockAcquired</c>, <c>MigrationStarting</c>, <c>ExecutingSql</c>, <c>MigrationCompleted</c>, …).</param>
/// <param name="Occurrence">Which matching event (1 for the first).</param>
public sealed record GatePoint(string Event, int Occurrence = 1)
{
    /// <summary>Text the event's message must contain to count, or <see langword="null"/> for any.</summary>
    public string? Contains { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Event} #{Occurrence}{(Contains is null ? string.Empty : $" containing '{Contains}'")}";
}
