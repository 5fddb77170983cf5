using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands;

/// <summary><c>validate</c>: fails (exit 1) when applied migrations were edited, are missing from the code, or are incomplete.</summary>
internal sealed class ValidateCommand() : MigrationKitCommand("validate", "Check that the history matches the code: no applied migration edited since (checksum), missing from the code, or left incomplete. Exit 1 when it does not.")
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var output = context.Output;
        try
        {
            var status = await context.Runner().ValidateAsync(cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.WriteJson(new ValidateDocument(true, status.CurrentVersion, []), CliJsonContext.Output.ValidateDocument);
            }
            else
            {
                output.Line(string.Create(CultureInfo.InvariantCulture, $"Valid: the history matches the code (version {status.CurrentVersion}, {status.Pending.Count} pending)."));
            }

            return ExitCodes.Success;
        }
        catch (MigrationValidationException e)
        {
            if (output.Json)
            {
                var current = e.Problems.Where(p => p.AppliedAt is not null).Select(p => p.Version).DefaultIfEmpty(0).Max();
                output.WriteJson(new ValidateDocument(false, current, e.Problems.Select(p => p.ToItem()).ToArray()), CliJsonContext.Output.ValidateDocument);
            }
            else
            {
                output.Out.Write(StatusTable.Render(output, e.Problems));
            }

            output.Problem(e.Message.Replace("call RepairAsync", "run 'migrationkit repair'", StringComparison.Ordinal));
            return ExitCodes.Failure;
        }
    }
}
