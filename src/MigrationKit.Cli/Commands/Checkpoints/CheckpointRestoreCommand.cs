using System.CommandLine;
using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands.Checkpoints;

/// <summary><c>checkpoint restore ID</c>: verifies a checkpoint, restores it (all or nothing) and reads the database back.</summary>
internal sealed class CheckpointRestoreCommand : MigrationKitCommand
{
    private readonly Argument<string> _id = new("id") { Description = "The checkpoint's id (see 'checkpoint list')." };

    public CheckpointRestoreCommand()
        : base("restore", "Verify a checkpoint, restore it over the database (all or nothing; the journal keeps its later entries), then read the status back.")
    {
        Arguments.Add(_id);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var runner = context.RunnerWithCheckpoints();
        var id = context.ParseResult.GetRequiredValue(_id);
        var restore = await context.Output.ProgressAsync(
            $"Restoring checkpoint {id} over {context.Database}",
            () => runner.RollbackManager.RestoreCheckpointAsync(id, cancellationToken)).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(restore.ToDocument(), CliJsonContext.Output.RestoreDocument);
        }
        else
        {
            context.Output.Out.Write(StatusTable.Render(context.Output, restore.Status.Migrations));
            context.Output.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"Restored checkpoint {restore.Checkpoint.Id}: the database is at version {restore.Version} with {restore.TableCount} table(s); {restore.JournalEntriesKept} later journal entr{(restore.JournalEntriesKept == 1 ? "y" : "ies")} kept."));
        }

        return ExitCodes.Success;
    }
}
