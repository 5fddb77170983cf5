namespace MigrationKit.Runs;

/// <summary>
/// The figures of a set of runs: one UTC day of <see cref="RunStatistics.Days"/>, or all of them in
/// <see cref="RunStatistics.Total"/>.
/// </summary>
/// <param name="Day">The UTC day the runs started on; <see langword="null"/> for the total.</param>
/// <param name="Runs">The runs.</param>
/// <param name="Failures">The runs that ended <see cref="MigrationRunOutcome.Failed"/> or <see cref="MigrationRunOutcome.Interrupted"/> (a cancelled run is not a failure).</param>
/// <param name="ErrorRate">Failures divided by runs, 0 when there are none.</param>
/// <param name="Steps">The steps completed: journal entries of these runs that succeeded with a duration (up, down, repeatable).</param>
/// <param name="StepDurationP50">The median step duration (nearest rank); <see langword="null"/> without steps.</param>
/// <param name="StepDurationP95">The 95th percentile of step durations (nearest rank); <see langword="null"/> without steps.</param>
public sealed record RunFigures(DateOnly? Day, int Runs, int Failures, double ErrorRate, int Steps, TimeSpan? StepDurationP50, TimeSpan? StepDurationP95);
