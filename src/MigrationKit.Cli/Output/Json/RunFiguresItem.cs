namespace MigrationKit.Cli.Output.Json;

/// <summary>One day (or the total, with a null day) in <c>runs --stats --json</c>.</summary>
internal sealed record RunFiguresItem(DateOnly? Day, int Runs, int Failures, double ErrorRate, int Steps, double? StepP50Ms, double? StepP95Ms);
