using System.CommandLine;
using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;
using Spectre.Console;

namespace MigrationKit.Cli.Commands;

/// <summary><c>status</c>: every migration, applied or pending, compared with the history.</summary>
internal sealed class StatusCommand : MigrationKitCommand
{
    private readonly Option<bool> _exitCode = new("--exit-code")
    {
        Description = $"Exit with {ExitCodes.PendingMigrations} when migrations are pending, {ExitCodes.Failure} when the history does not match the code (edited, missing or incomplete migrations).",
    };

    public StatusCommand()
        : base("status", "Show every migration: applied (when, how long) or pending, and any edited, missing or incomplete one.")
    {
        Options.Add(_exitCode);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var status = await context.Runner().GetStatusAsync(cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        if (output.Json)
        {
            output.WriteJson(status.ToDocument(), CliJsonContext.Output.StatusDocument);
        }
        else
        {
            output.Out.Write(StatusTable.Render(output, status.Migrations));
            output.Line(string.Create(CultureInfo.InvariantCulture, $"Version {status.CurrentVersion}: {status.Applied.Count} applied, {status.Pending.Count} pending."));
        }

        if (!context.ParseResult.GetValue(_exitCode))
        {
            return ExitCodes.Success;
        }

        if (status.Migrations.Any(m => m.State is MigrationState.Missing or MigrationState.Modified or MigrationState.Incomplete))
        {
            return ExitCodes.Failure;
        }

        return status.Pending.Count > 0 ? ExitCodes.PendingMigrations : ExitCodes.Success;
    }
}
