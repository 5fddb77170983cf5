using System.CommandLine;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands;

/// <summary><c>up [--to V]</c>: applies pending migrations under the lock.</summary>
internal sealed class UpCommand : MigrationKitCommand
{
    private readonly Option<long?> _to = new("--to") { Description = "The last version to apply (default: all pending).", HelpName = "version" };

    public UpCommand()
        : base("up", "Apply pending migrations (all, or up to --to), each in its own transaction, under the migration lock.")
    {
        Options.Add(_to);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var result = await context.Runner().MigrateUpAsync(context.ParseResult.GetValue(_to), cancellationToken).ConfigureAwait(false);
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
