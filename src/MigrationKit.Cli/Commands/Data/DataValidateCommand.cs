using MigrationKit.Cli.Output.Json;
using MigrationKit.Data.Moves;

namespace MigrationKit.Cli.Commands.Data;

/// <summary><c>data validate</c>: counts, one target row per source row, content checksums and orphans; exit 1 when they differ.</summary>
internal sealed class DataValidateCommand : DataMoveCommand
{
    public DataValidateCommand()
        : base("validate", "Compare --from and --to after a move: row counts, one target row per source row, content checksums per key range (the differing keys listed) and orphaned foreign keys. Exit 1 when they differ.", source: true)
    {
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        var move = ReadMove(context);
        var report = await output.ProgressAsync($"Validating {move}", () => new DataMover().ValidateAsync(move, progress: null, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (output.Json)
        {
            output.WriteJson(new DataValidateDocument(report.IsValid, report.Tables.Select(t => new DataValidateItem(t.MoveName, t.IsValid, t.SourceRows, t.TargetRows, t.Differences.Select(d => d.ToString()).ToArray())).ToArray(), report.ForeignKeys.Where(f => f.Orphans > 0).Select(f => f.ToString()).ToArray()), CliJsonContext.Output.DataValidateDocument);
        }
        else
        {
            output.Line(report.ToString());
        }

        return report.IsValid ? ExitCodes.Success : ExitCodes.Failure;
    }
}
