using MigrationKit.History;

namespace MigrationKit.Cli.Output.Json;

/// <summary>One journal entry.</summary>
internal sealed record JournalItem(long Id, Guid RunId, long? Version, JournalAction Action, JournalStatus Status, DateTimeOffset OccurredAt, double? DurationMs, string? Error, string AppliedBy);
