namespace MigrationKit;

/// <summary>One migration's status.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description (from code, or from history when missing from code).</param>
/// <param name="State">Where it stands.</param>
public sealed record MigrationStatusEntry(long Version, string Description, MigrationState State)
{
    /// <summary>When it was applied (UTC), if it was.</summary>
    public DateTimeOffset? AppliedAt { get; init; }

    /// <summary>How long applying it took, if it was applied.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The checksum recorded in history, if applied.</summary>
    public string? AppliedChecksum { get; init; }

    /// <summary>The checksum of the code, if in code.</summary>
    public string? CodeChecksum { get; init; }
}
