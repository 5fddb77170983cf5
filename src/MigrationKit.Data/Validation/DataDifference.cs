namespace MigrationKit.Data.Validation;

/// <summary>One row on which source and target disagree.</summary>
/// <param name="Kind">How they disagree.</param>
/// <param name="SourceKey">The source key (<c>column=value</c>, comma-separated).</param>
/// <param name="TargetKey">The target key from the id map, or null when there is none.</param>
public sealed record DataDifference(DataDifferenceKind Kind, string SourceKey, string? TargetKey);
