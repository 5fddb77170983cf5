namespace MigrationKit.History;

/// <summary>One entry of the run journal, the audit trail of every step the runner took.</summary>
/// <param name="RunId">The run the step belonged to.</param>
/// <param name="Version">The migration version, or <see langword="null"/> for steps about no single migration.</param>
/// <param name="Action">What was done.</param>
/// <param name="Status">How it ended.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record JournalEntry(Guid RunId, long? Version, JournalAction Action, JournalStatus Status, DateTimeOffset OccurredAt)
{
    /// <summary>The entry's id, in order of writing; 0 before it is stored.</summary>
    public long Id { get; init; }

    /// <summary>How long the step took, when it finished.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The error, for failed steps.</summary>
    public string? Error { get; init; }

    /// <summary>Who ran the step.</summary>
    public string AppliedBy { get; init; } = string.Empty;
}
