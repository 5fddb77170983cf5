namespace MigrationKit.Runs;

/// <summary>Runs, failures, error rate and step durations per UTC day, from <see cref="IMigrationRunner.GetRunStatisticsAsync"/>.</summary>
/// <param name="Since">The start of the period asked for; <see langword="null"/> for every run recorded.</param>
/// <param name="Days">One entry per UTC day with at least one run, oldest first.</param>
/// <param name="Total">The same figures over every run of the period.</param>
public sealed record RunStatistics(DateTimeOffset? Since, IReadOnlyList<RunFigures> Days, RunFigures Total);
