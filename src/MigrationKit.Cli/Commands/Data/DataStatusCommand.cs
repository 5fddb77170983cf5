using System.Globalization;
using MigrationKit.Cli.Connections;
using MigrationKit.Cli.Output.Json;
using MigrationKit.Data.Moves;
using Spectre.Console;

namespace MigrationKit.Cli.Commands.Data;

/// <summary><c>data status</c>: the latest run of each move recorded in the target (reads only).</summary>
internal sealed class DataStatusCommand : DataMoveCommand
{
    public DataStatusCommand()
        : base("status", "Show the latest run of each data move recorded in --to: status, batches, the key a rerun resumes from, rows read, written and rejected, error.", source: false)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var output = context.Output;
        var target = DataMoveCommandOptions.Required(parse, MoveOptions.To);
        output.Secrets = ConnectionSecrets.Of(target);
        var name = parse.GetResult(MoveOptions.Name) is { Implicit: false } ? parse.GetValue(MoveOptions.Name) : null;
        var runs = await new DataMover().GetRunsAsync(DataMoveCommandOptions.Endpoint(target), name, cancellationToken).ConfigureAwait(false);
        if (output.Json)
        {
            output.WriteJson(new DataStatusDocument(runs.Select(r => new DataRunItem(r.Move, r.RunId, r.Status, r.Batches, r.LastKey, r.RowsRead, r.RowsWritten, r.RowsRejected, r.Error)).ToArray()), CliJsonContext.Output.DataStatusDocument);
        }
        else if (runs.Count == 0)
        {
            output.Line("No data move has run into this database.");
        }
        else
        {
            var table = output.Table("Move", "Run", "Status", "Batches", "Last key", "Read", "Written", "Rejected", "Error");
            foreach (var r in runs)
            {
                table.AddRow(output.Cell(r.Move), output.Cell(N(r.RunId)), output.Cell(r.Status), output.Cell(N(r.Batches)), output.Cell(r.LastKey), output.Cell(N(r.RowsRead)), output.Cell(N(r.RowsWritten)), output.Cell(N(r.RowsRejected)), output.Cell(r.Error));
            }

            output.Out.Write(table);
        }

        return ExitCodes.Success;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
