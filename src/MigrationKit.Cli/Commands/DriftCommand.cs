using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MigrationKit.Cli.Output.Json;
using MigrationKit.Drift;
using Spectre.Console;

namespace MigrationKit.Cli.Commands;

/// <summary><c>drift</c>: the live schema compared with what the applied migrations create, with fix SQL.</summary>
internal sealed class DriftCommand : MigrationKitCommand
{
    private readonly Option<bool> _exitCode = new("--exit-code")
    {
        Description = $"Exit with {ExitCodes.DriftFound} when the schema differs from what the applied migrations create.",
    };

    private readonly Option<string[]> _ignore = new("--ignore")
    {
        Description = "A table to leave out (a name, schema.name, or a pattern with *); repeat for more.",
        AllowMultipleArgumentsPerToken = true,
    };

    public DriftCommand()
        : base("drift", "Compare the live schema with what the applied migrations create (replayed into a scratch database) and print each difference with the SQL that would fix it.")
    {
        Options.Add(_exitCode);
        Options.Add(_ignore);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var ignored = context.ParseResult.GetValue(_ignore) ?? [];
        var report = await context.Runner(o =>
        {
            foreach (var table in ignored)
            {
                o.Drift.IgnoredTables.Add(table);
            }
        }).DetectDriftAsync(cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        if (output.Json)
        {
            output.WriteJson(ToDocument(report), CliJsonContext.Output.DriftDocument);
        }
        else if (!report.HasDrift)
        {
            output.Line(report.ToString());
        }
        else
        {
            var table = new Table().AddColumns("Difference", "Fix");
            foreach (var finding in report.Findings)
            {
                table.AddRow(new Text(finding.ToString()), new Text(finding.CanFix ? string.Join(Environment.NewLine, finding.FixSql) : "(none derived)"));
            }

            output.Out.Write(table);
            output.Line(string.Create(CultureInfo.InvariantCulture, $"{report.Findings.Count} difference(s) from what the {report.ReplayedVersions.Count} applied migration(s) up to version {report.Version} create. Review a fix before running it."));
        }

        return report.HasDrift && context.ParseResult.GetValue(_exitCode) ? ExitCodes.DriftFound : ExitCodes.Success;
    }

    private static DriftDocument ToDocument(DriftReport report) => new(
        report.HasDrift,
        report.Version,
        report.ReplayedVersions,
        report.Findings.Select(f => new DriftItem(
            Camel(f.Difference.Kind.ToString()),
            Camel(f.Difference.ObjectKind.ToString()),
            f.Difference.Table?.ToString(),
            f.Difference.Name,
            f.Difference.Expected,
            f.Difference.Actual,
            f.ToString(),
            f.FixSql)).ToArray());

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
