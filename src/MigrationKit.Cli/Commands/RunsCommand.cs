using System.CommandLine;
using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;
using MigrationKit.Runs;
using Spectre.Console;

namespace MigrationKit.Cli.Commands;

/// <summary><c>runs</c>: the recorded runs (who, where, what, outcome, duration, steps, retries), or their statistics per day.</summary>
internal sealed class RunsCommand : MigrationKitCommand
{
    private readonly Option<string?> _since = new("--since")
    {
        Description = "Only runs started at or after this time (ISO 8601, e.g. 2026-12-01 or 2026-12-01T08:00:00Z; UTC unless an offset is given).",
        HelpName = "time",
    };

    private readonly Option<bool> _stats = new("--stats")
    {
        Description = "Print runs, failures, error rate and step durations (p50/p95) per UTC day instead of the runs.",
    };

    public RunsCommand()
        : base("runs", "List the runs that took the lock and did something or failed, newest first: command, target, outcome, duration, steps, retries, who and where.")
    {
        Options.Add(_since);
        Options.Add(_stats);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var since = ParseSince(context.ParseResult.GetValue(_since));
        var runner = context.Runner();
        var output = context.Output;
        if (context.ParseResult.GetValue(_stats))
        {
            var statistics = await runner.GetRunStatisticsAsync(since, cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(statistics.ToDocument(), CliJsonContext.Output.RunStatisticsDocument);
                return ExitCodes.Success;
            }

            var figures = output.Table("Day (UTC)", "Runs", "Failures", "Error rate", "Steps", "Step p50", "Step p95");
            foreach (var day in statistics.Days.Append(statistics.Total))
            {
                figures.AddRow(
                    output.Cell(day.Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "total"),
                    output.Cell(day.Runs.ToString(CultureInfo.InvariantCulture)),
                    output.Cell(day.Failures.ToString(CultureInfo.InvariantCulture), new Style(day.Failures > 0 ? Color.Red : Color.Default)),
                    output.Cell(day.ErrorRate.ToString("0.0%", CultureInfo.InvariantCulture)),
                    output.Cell(day.Steps.ToString(CultureInfo.InvariantCulture)),
                    output.Cell(CliOutput.Milliseconds(day.StepDurationP50)),
                    output.Cell(CliOutput.Milliseconds(day.StepDurationP95)));
            }

            output.Out.Write(figures);
            return ExitCodes.Success;
        }

        var runs = await runner.GetRunsAsync(since, cancellationToken).ConfigureAwait(false);
        if (output.Json)
        {
            output.WriteJson(new RunRecordsDocument(runs.Select(r => r.ToItem(output.Secrets)).ToArray()), CliJsonContext.Output.RunRecordsDocument);
            return ExitCodes.Success;
        }

        var table = output.Table("Run", "Command", "Target", "Outcome", "Started", "Duration", "Versions", "Steps", "Retries", "By", "Host (pid)", "Error");
        foreach (var run in runs)
        {
            table.AddRow(
                output.Cell(run.RunId.ToString("N", CultureInfo.InvariantCulture)[..8]),
                output.Cell(run.Command.ToString()),
                output.Cell(run.Target),
                output.Cell(run.Outcome.ToString(), new Style(run.Outcome is MigrationRunOutcome.Failed or MigrationRunOutcome.Interrupted ? Color.Red : Color.Default)),
                output.Cell(CliOutput.Time(run.StartedAt)),
                output.Cell(CliOutput.Milliseconds(run.Duration)),
                output.Cell(string.Create(CultureInfo.InvariantCulture, $"{run.FromVersion} → {(run.ToVersion is { } to ? to.ToString(CultureInfo.InvariantCulture) : "?")}")),
                output.Cell(run.StepsApplied.ToString(CultureInfo.InvariantCulture)),
                output.Cell(run.Retries.ToString(CultureInfo.InvariantCulture)),
                output.Cell(run.AppliedBy),
                output.Cell(string.Create(CultureInfo.InvariantCulture, $"{run.Host} ({run.ProcessId})")),
                output.Cell(FirstLine(run.Error)));
        }

        output.Out.Write(table);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{runs.Count} run{(runs.Count == 1 ? "" : "s")}."));
        return ExitCodes.Success;
    }

    /// <summary>The table shows an error's first line; <c>--json</c> and <c>journal</c> have it whole.</summary>
    private static string? FirstLine(string? error) => error?.Split('\n', 2)[0].TrimEnd();

    private static DateTimeOffset? ParseSince(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var since))
        {
            return since;
        }

        throw new CommandLineException($"--since '{text}' is not a time. Give an ISO 8601 date or time, for example 2026-12-01 or 2026-12-01T08:00:00Z.");
    }
}
