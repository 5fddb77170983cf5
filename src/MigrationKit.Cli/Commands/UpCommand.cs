using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MigrationKit.Cli.Connections;
using MigrationKit.Cli.Output;
using MigrationKit.Fleet;
using Spectre.Console;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands;

/// <summary><c>up [--to V]</c>: applies pending migrations under the lock.</summary>
internal sealed class UpCommand : MigrationKitCommand
{
    private readonly Option<long?> _to = new("--to") { Description = "The last version to apply (default: all pending).", HelpName = "version" };

    private readonly Option<string?> _targets = new("--targets")
    {
        Description = "A file of databases to migrate as a fleet, one a line: 'name = connection string' (instead of --connection).",
        HelpName = "file",
    };

    private readonly Option<int> _parallel = new("--parallel") { Description = "With --targets: how many databases at once (default 4).", DefaultValueFactory = _ => 4 };

    private readonly Option<int> _canaries = new("--canaries") { Description = "With --targets: how many of the first targets go first; when one fails the rest are skipped.", DefaultValueFactory = _ => 0 };

    public UpCommand()
        : base("up", "Apply pending migrations (all, or up to --to), each in its own transaction, under the migration lock; with --targets, to many databases.")
    {
        Options.Add(_to);
        Options.Add(_targets);
        Options.Add(_parallel);
        Options.Add(_canaries);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.ParseResult.GetValue(_targets) is { } targetsFile)
        {
            return await FleetAsync(context, targetsFile, cancellationToken).ConfigureAwait(false);
        }

        var result = await context.Runner().MigrateUpAsync(context.ParseResult.GetValue(_to), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(result.ToDocument(), CliJsonContext.Output.RunDocument);
        }
        else
        {
            StepsTable.Write(context.Output, result);
        }

        return ExitCodes.Success;
    }

    private async Task<int> FleetAsync(CommandContext context, string targetsFile, CancellationToken cancellationToken)
    {
        var targets = FleetTargetsFile.Read(targetsFile);
        var output = context.Output;
        output.Secrets = ConnectionSecrets.OfAll(targets.Select(t => t.ConnectionString));
        var options = new FleetRunOptions
        {
            MaxParallelism = context.ParseResult.GetValue(_parallel),
            Canaries = context.ParseResult.GetValue(_canaries),
            TargetVersion = context.ParseResult.GetValue(_to),
        };
        var fleet = new MigrationFleet(target => RunnerFactory.Create(context.Settings with { ConnectionString = target.ConnectionString }, output, loggerFactory: null));
        var report = await fleet.RunAsync(targets, options, cancellationToken).ConfigureAwait(false);
        if (output.Json)
        {
            output.WriteJson(new FleetDocument(report.Succeeded, report.CanaryFailed, report.Targets.Select(t => new FleetTargetItem(
                t.Target, t.IsCanary, JsonNamingPolicy.CamelCase.ConvertName(t.Outcome.ToString()), t.VersionBefore, t.VersionAfter, t.Applied, t.Duration.TotalMilliseconds, t.Error?.Message)).ToArray()), CliJsonContext.Output.FleetDocument);
        }
        else
        {
            var table = output.Table("Target", "Outcome", "Before", "After", "Applied", "Duration", "Error");
            foreach (var t in report.Targets)
            {
                table.AddRow(
                    output.Cell(t.Target + (t.IsCanary ? " (canary)" : string.Empty)),
                    output.Cell(t.Outcome.ToString(), new Style(t.Outcome == FleetOutcome.Failed ? Color.Red : t.Outcome == FleetOutcome.Skipped ? Color.Yellow : Color.Green)),
                    output.Cell(t.VersionBefore?.ToString(CultureInfo.InvariantCulture)),
                    output.Cell(t.VersionAfter?.ToString(CultureInfo.InvariantCulture)),
                    output.Cell(t.Applied.Count.ToString(CultureInfo.InvariantCulture)),
                    output.Cell(CliOutput.Milliseconds(t.Duration)),
                    output.Cell(t.Error?.Message));
            }

            output.Out.Write(table);
            output.Line(string.Create(CultureInfo.InvariantCulture, $"{report.Targets.Count} target(s): {report.Targets.Count(t => t.Outcome is FleetOutcome.Migrated or FleetOutcome.UpToDate)} current, {report.Failed.Count} failed, {report.Targets.Count(t => t.Outcome == FleetOutcome.Skipped)} skipped."));
        }

        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }
}
