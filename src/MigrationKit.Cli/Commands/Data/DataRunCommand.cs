using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;
using MigrationKit.Data.Moves;
using Spectre.Console;

namespace MigrationKit.Cli.Commands.Data;

/// <summary><c>data run</c>: a whole-database move, resumable (a rerun carries on from the last committed batch).</summary>
internal sealed class DataRunCommand : DataMoveCommand
{
    public DataRunCommand()
        : base("run", "Copy every table (or --tables) of --from into --to in foreign-key order, in committed batches; run it again after a failure or a kill and it carries on where it stopped.", source: true)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var move = ReadMove(context);
        var result = await output.ProgressAsync($"Moving {move}", () => new DataMover().RunAsync(move, progress: null, cancellationToken)).ConfigureAwait(false);
        if (output.Json)
        {
            output.WriteJson(new DataRunDocument(result.MoveName, result.HasNoOrphans, result.Elapsed.TotalMilliseconds, result.Tables.Select(t => new DataTableItem(t.MoveName, t.Status.ToString(), t.Batches, t.RowsRead, t.RowsWritten, t.RowsRejected)).ToArray()), CliJsonContext.Output.DataRunDocument);
        }
        else
        {
            var table = output.Table("Move", "Status", "Batches", "Read", "Written", "Rejected");
            foreach (var t in result.Tables)
            {
                table.AddRow(output.Cell(t.MoveName), output.Cell(t.Status.ToString()), output.Cell(Number(t.Batches)), output.Cell(Number(t.RowsRead)), output.Cell(Number(t.RowsWritten)), output.Cell(Number(t.RowsRejected)));
            }

            output.Out.Write(table);
            output.Line(string.Create(CultureInfo.InvariantCulture, $"Moved {result.Tables.Count} table(s) in {result.Elapsed.TotalSeconds:F1} s; foreign keys {(result.HasNoOrphans ? "checked, no orphans" : "have orphans: " + string.Join("; ", result.ForeignKeys.Where(f => f.Orphans > 0)))}."));
        }

        return result.HasNoOrphans && result.Tables.All(t => t.RowsRejected == 0) ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
