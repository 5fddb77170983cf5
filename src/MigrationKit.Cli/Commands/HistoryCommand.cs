using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;
using Spectre.Console;

namespace MigrationKit.Cli.Commands;

/// <summary><c>history</c>: the rows of the history table, one per applied migration.</summary>
internal sealed class HistoryCommand() : MigrationKitCommand("history", "List the applied migrations as the history table records them: checksum, time, duration, who, library version.")
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var rows = await context.Runner().GetHistoryAsync(cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        if (output.Json)
        {
            output.WriteJson(new HistoryDocument(rows.Select(r => r.ToItem()).ToArray()), CliJsonContext.Output.HistoryDocument);
            return ExitCodes.Success;
        }

        var table = output.Table("Version", "Description", "Applied at", "Duration", "Applied by", "Checksum");
        foreach (var row in rows)
        {
            table.AddRow(
                output.Cell(row.Version.ToString(CultureInfo.InvariantCulture)),
                output.Cell(row.Description),
                output.Cell(CliOutput.Time(row.AppliedAt)),
                output.Cell(CliOutput.Milliseconds(row.Duration)),
                output.Cell(row.AppliedBy),
                output.Cell(row.Checksum.Length > 16 ? row.Checksum[..16] + "..." : row.Checksum));
        }

        output.Out.Write(table);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} applied migration(s)."));
        return ExitCodes.Success;
    }
}
