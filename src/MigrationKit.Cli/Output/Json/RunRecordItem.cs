using MigrationKit.Runs;

namespace MigrationKit.Cli.Output.Json;

/// <summary>One recorded run in <c>runs --json</c>.</summary>
internal sealed record RunRecordItem(
    Guid RunId,
    MigrationRunCommand Command,
    string Target,
    MigrationRunOutcome Outcome,
    string AppliedBy,
    string Host,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationMs,
    long FromVersion,
    long? ToVersion,
    int StepsApplied,
    int Retries,
    string? Error,
    IReadOnlyList<JournalItem> Entries);
