using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands.Checkpoints;

/// <summary><c>checkpoint prune</c>: deletes the checkpoints older than their kind's retention.</summary>
internal sealed class CheckpointPruneCommand() : MigrationKitCommand("prune", "Delete the checkpoints older than their kind's retention (routine 7 days, emergency 30 days; milestones are kept).")
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var deleted = await context.RunnerWithCheckpoints().RollbackManager.PruneCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(new CheckpointListDocument(deleted.Select(c => c.ToItem()).ToArray()), CliJsonContext.Output.CheckpointListDocument);
        }
        else if (deleted.Count == 0)
        {
            context.Output.Line("Nothing to prune: every checkpoint is within its retention.");
        }
        else
        {
            context.Output.Out.Write(CheckpointTable.Render(context.Output, deleted));
            context.Output.Line(string.Create(CultureInfo.InvariantCulture, $"Pruned {deleted.Count} checkpoint(s)."));
        }

        return ExitCodes.Success;
    }
}
