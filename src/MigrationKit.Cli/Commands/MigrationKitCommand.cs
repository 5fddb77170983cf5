using System.CommandLine;

namespace MigrationKit.Cli.Commands;

/// <summary>
/// A command that does one thing (one library call, as a rule). <see cref="CliApplication"/> wires its action, so a
/// new command is one new class added to <see cref="CliApplication"/>'s list.
/// </summary>
internal abstract class MigrationKitCommand(string name, string description) : Command(name, description)
{
    /// <summary>Runs the command and returns its exit code (<see cref="ExitCodes"/>); failures are thrown and mapped by the caller.</summary>
    public abstract Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);
}
