namespace MigrationKit.Statistics;

/// <summary>The answer to one <see cref="DataCheck"/>.</summary>
/// <param name="Check">The check.</param>
/// <param name="Value">The count or the largest value; <see langword="null"/> when the table holds no value to measure.</param>
public sealed record DataCheckResult(DataCheck Check, long? Value);
