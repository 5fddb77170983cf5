using System.CommandLine;
using MigrationKit.Checkpoints;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands.Checkpoints;

/// <summary><c>checkpoint create</c>: takes a checkpoint now.</summary>
internal sealed class CheckpointCreateCommand : MigrationKitCommand
{
    private readonly Option<CheckpointKind> _kind = new("--kind")
    {
        Description = "Why it is taken, which decides its retention: Milestone (kept until deleted, the default), Routine (7 days), Emergency (30 days).",
        DefaultValueFactory = _ => CheckpointKind.Milestone,
    };

    private readonly Option<CheckpointLevel> _level = new("--level")
    {
        Description = "Full (every row, the default) or Schema (structure and history only).",
        DefaultValueFactory = _ => CheckpointLevel.Full,
    };

    private readonly Option<string?> _description = new("--description", "-m") { Description = "Why it is taken, in a few words.", HelpName = "text" };

    public CheckpointCreateCommand()
        : base("create", "Take a checkpoint now: a verified backup file with its metadata.")
    {
        Options.Add(_kind);
        Options.Add(_level);
        Options.Add(_description);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var runner = context.RunnerWithCheckpoints();
        var level = context.ParseResult.GetValue(_level);
        var checkpoint = await context.Output.ProgressAsync(
            $"Taking a {(level == CheckpointLevel.Full ? "full" : "schema-only")} checkpoint of {context.Database}",
            () => runner.RollbackManager.CreateCheckpointAsync(context.ParseResult.GetValue(_kind), level, context.ParseResult.GetValue(_description), cancellationToken)).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(new CheckpointDocument(checkpoint.ToItem()), CliJsonContext.Output.CheckpointDocument);
        }
        else
        {
            context.Output.Out.Write(CheckpointTable.Render(context.Output, [checkpoint]));
            context.Output.Line($"Checkpoint {checkpoint.Id} taken at version {checkpoint.Version}: {checkpoint.FileName}, sha256 {checkpoint.Sha256}.");
        }

        return ExitCodes.Success;
    }
}
