using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;
using MigrationKit.History;
using Spectre.Console;

namespace MigrationKit.Cli.Commands;

/// <summary><c>journal</c>: the audit trail of every step the runner took, failures included.</summary>
internal sealed class JournalCommand() : MigrationKitCommand("journal", "List the journal: every step ever taken (up, down, baseline, repair, checkpoint, restore), with failures and their errors.")
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var entries = await context.Runner().GetJournalAsync(cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        if (output.Json)
        {
            output.WriteJson(new JournalDocument(entries.Select(e => e.ToItem(output.Secrets)).ToArray()), CliJsonContext.Output.JournalDocument);
            return ExitCodes.Success;
        }

        var table = output.Table("Id", "Run", "Version", "Action", "Status", "At", "Duration", "Error");
        foreach (var entry in entries)
        {
            table.AddRow(
                output.Cell(entry.Id.ToString(CultureInfo.InvariantCulture)),
                output.Cell(entry.RunId.ToString("N", CultureInfo.InvariantCulture)[..8]),
                output.Cell(entry.Version?.ToString(CultureInfo.InvariantCulture)),
                output.Cell(entry.Action.ToString()),
                output.Cell(entry.Status.ToString(), new Style(entry.Status == JournalStatus.Failed ? Color.Red : Color.Default)),
                output.Cell(CliOutput.Time(entry.OccurredAt)),
                output.Cell(CliOutput.Milliseconds(entry.Duration)),
                output.Cell(entry.Error));
        }

        output.Out.Write(table);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{entries.Count} journal entr{(entries.Count == 1 ? "y" : "ies")}."));
        return ExitCodes.Success;
    }
}
