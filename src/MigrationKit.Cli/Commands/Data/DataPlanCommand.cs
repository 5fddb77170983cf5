using System.Globalization;
using MigrationKit.Cli.Output.Json;
using MigrationKit.Data.Moves;
using Spectre.Console;

namespace MigrationKit.Cli.Commands.Data;

/// <summary><c>data plan</c>: what a whole-database move would do, table by table, without moving anything.</summary>
internal sealed class DataPlanCommand : DataMoveCommand
{
    public DataPlanCommand()
        : base("plan", "Plan a move of --from into --to without moving anything: per table in load order the source rows, rows already moved, batches, an estimate timed on a sample written and rolled back, the risk and its reasons.", source: true)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var move = ReadMove(context);
        var plan = await output.ProgressAsync($"Planning {move}", () => new DataMover().PlanAsync(move, cancellationToken)).ConfigureAwait(false);
        if (output.Json)
        {
            output.WriteJson(
                new DataPlanDocument(
                    plan.MoveName,
                    plan.Risk.ToString(),
                    plan.SourceRows,
                    plan.RowsAlreadyMoved,
                    plan.EstimatedDuration?.TotalSeconds,
                    plan.DeferredColumns,
                    plan.Tables.Select(t => new DataPlanItem(t.MoveName, t.Risk.ToString(), t.SourceRows, t.RowsAlreadyMoved, t.Batches, t.EstimatedDuration?.TotalSeconds, t.Reasons)).ToArray()),
                CliJsonContext.Output.DataPlanDocument);
            return ExitCodes.Success;
        }

        var table = output.Table("Move", "Source rows", "Moved", "Batches", "Estimate", "Risk", "Reasons");
        foreach (var t in plan.Tables)
        {
            table.AddRow(output.Cell(t.MoveName), output.Cell(Number(t.SourceRows)), output.Cell(Number(t.RowsAlreadyMoved)), output.Cell(Number(t.Batches)), output.Cell(Seconds(t.EstimatedDuration)), output.Cell(t.Risk.ToString()), output.Cell(string.Join("; ", t.Reasons)));
        }

        output.Out.Write(table);
        output.Line(string.Create(CultureInfo.InvariantCulture, $"{plan.Tables.Count} table(s), {plan.SourceRows:N0} source rows ({plan.RowsAlreadyMoved:N0} already moved), estimated {Seconds(plan.EstimatedDuration)}, risk {plan.Risk}{(plan.DeferredColumns.Count == 0 ? string.Empty : "; filled in after the load: " + string.Join(", ", plan.DeferredColumns))}. Nothing was moved."));
        return ExitCodes.Success;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture) : "unknown";
}
