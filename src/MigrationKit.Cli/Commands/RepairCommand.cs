using System.Globalization;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands;

/// <summary><c>repair</c>: accepts the code as it is now: re-records edited checksums and clears incomplete migrations.</summary>
internal sealed class RepairCommand() : MigrationKitCommand("repair", "Accept the code as it is now: re-record the checksums of edited migrations and clear incomplete ones (deliberately).")
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var repaired = await context.Runner().RepairAsync(cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(new VersionsDocument(repaired), CliJsonContext.Output.VersionsDocument);
        }
        else
        {
            context.Output.Line(repaired.Count == 0
                ? "Nothing to repair: the history matches the code."
                : "Repaired: " + string.Join(", ", repaired.Select(v => v.ToString(CultureInfo.InvariantCulture))) + ".");
        }

        return ExitCodes.Success;
    }
}
