using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands.Checkpoints;

/// <summary><c>checkpoint list</c>: the checkpoints in the folder, oldest first.</summary>
internal sealed class CheckpointListCommand() : MigrationKitCommand("list", "List the checkpoints in --checkpoint-dir, oldest first.")
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var checkpoints = await context.RunnerWithCheckpoints().RollbackManager.ListCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(new CheckpointListDocument(checkpoints.Select(c => c.ToItem()).ToArray()), CliJsonContext.Output.CheckpointListDocument);
        }
        else
        {
            context.Output.Out.Write(CheckpointTable.Render(context.Output, checkpoints));
            context.Output.Line(string.Create(CultureInfo.InvariantCulture, $"{checkpoints.Count} checkpoint(s)."));
        }

        return ExitCodes.Success;
    }
}
