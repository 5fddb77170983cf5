using System.CommandLine;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands;

/// <summary><c>script [--to V]</c>: the SQL that <c>up</c> would run, without running it.</summary>
internal sealed class ScriptCommand : MigrationKitCommand
{
    private readonly Option<long?> _to = new("--to") { Description = "The last version to include (default: all pending).", HelpName = "version" };

    public ScriptCommand()
        : base("script", "Print the SQL that 'up' would execute (a dry run: nothing is changed).")
    {
        Options.Add(_to);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var script = await context.Runner().ScriptAsync(context.ParseResult.GetValue(_to), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(script.ToDocument(), CliJsonContext.Output.ScriptDocument);
        }
        else if (script.Steps.Count == 0)
        {
            context.Output.Raw("-- Nothing pending: the database is up to date.\n");
        }
        else
        {
            context.Output.Raw(script.ToSql());
        }

        return ExitCodes.Success;
    }
}
