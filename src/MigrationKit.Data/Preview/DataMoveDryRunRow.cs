namespace MigrationKit.Data.Preview;

/// <summary>One source row of a dry run and the values the move would write.</summary>
/// <param name="SourceKey">The source key (<c>column=value</c>, comma-separated).</param>
/// <param name="Values">The target values, one per target column of the dry run (empty when the row fails).</param>
/// <param name="Error">Why the row would stop the move (or be rejected), or null.</param>
public sealed record DataMoveDryRunRow(string SourceKey, IReadOnlyList<object?> Values, string? Error);
