using System.CommandLine;
using System.Globalization;
using MigrationKit.Cli.Output.Json;

namespace MigrationKit.Cli.Commands;

/// <summary><c>baseline V</c>: marks an existing database as being at a version, recording (not running) the migrations up to it.</summary>
internal sealed class BaselineCommand : MigrationKitCommand
{
    private readonly Argument<long> _version = new("version") { Description = "The version the existing database is at (a version in the code)." };

    public BaselineCommand()
        : base("baseline", "Mark an existing database as being at a version: the migrations up to it are recorded as applied, not run.")
    {
        Arguments.Add(_version);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var recorded = await context.Runner().BaselineAsync(context.ParseResult.GetValue(_version), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(new VersionsDocument(recorded), CliJsonContext.Output.VersionsDocument);
        }
        else
        {
            context.Output.Line(string.Create(CultureInfo.InvariantCulture, $"Baselined at version {context.ParseResult.GetValue(_version)}: recorded {string.Join(", ", recorded)} as applied."));
        }

        return ExitCodes.Success;
    }
}
