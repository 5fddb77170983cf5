using System.CommandLine;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands;

/// <summary><c>down --to V</c>: reverts applied migrations above a version, newest first.</summary>
internal sealed class DownCommand : MigrationKitCommand
{
    private readonly Option<long> _to = new("--to") { Description = "The version to end at (0 reverts every migration).", HelpName = "version", Required = true };

    public DownCommand()
        : base("down", "Revert the applied migrations above --to, newest first, running their Down.")
    {
        Options.Add(_to);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var result = await context.Runner().MigrateDownAsync(context.ParseResult.GetValue(_to), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(result.ToDocument(), CliJsonContext.Output.RunDocument);
        }
        else
        {
            StepsTable.Write(context.Output, result);
        }

        return ExitCodes.Success;
    }
}
