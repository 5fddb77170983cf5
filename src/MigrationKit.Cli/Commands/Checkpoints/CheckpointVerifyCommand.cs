using System.CommandLine;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands.Checkpoints;

/// <summary><c>checkpoint verify ID</c>: checks a checkpoint's file (present, size, SHA-256, readable by the database's tools).</summary>
internal sealed class CheckpointVerifyCommand : MigrationKitCommand
{
    private readonly Argument<string> _id = new("id") { Description = "The checkpoint's id (see 'checkpoint list')." };

    public CheckpointVerifyCommand()
        : base("verify", "Check a checkpoint's file: present, the recorded size and SHA-256, and readable. Exit 1 when it is not sound.")
    {
        Arguments.Add(_id);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var runner = context.RunnerWithCheckpoints();
        var id = context.ParseResult.GetRequiredValue(_id);
        var checkpoint = await context.Output.ProgressAsync($"Verifying checkpoint {id}", () => runner.RollbackManager.VerifyCheckpointAsync(id, cancellationToken)).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(new CheckpointDocument(checkpoint.ToItem()), CliJsonContext.Output.CheckpointDocument);
        }
        else
        {
            context.Output.Line($"Checkpoint {checkpoint.Id} is sound: {checkpoint.FileName}, {CheckpointTable.Size(checkpoint.SizeBytes)}, sha256 {checkpoint.Sha256}.");
        }

        return ExitCodes.Success;
    }
}
