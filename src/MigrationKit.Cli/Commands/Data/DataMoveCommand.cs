using MigrationKit.Cli.Connections;
using MigrationKit.Data.Databases;

namespace MigrationKit.Cli.Commands.Data;

/// <summary>A <c>data</c> subcommand: the options the data commands share, and the move they describe.</summary>
internal abstract class DataMoveCommand : MigrationKitCommand
{
    /// <param name="name">The subcommand's name.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="source">Whether it reads a source (<c>--from</c>, <c>--tables</c>, <c>--except</c>, <c>--batch-size</c>) besides the target.</param>
    protected DataMoveCommand(string name, string description, bool source)
        : base(name, description)
    {
        MoveOptions.AddTo(this, source);
    }

    protected DataMoveCommandOptions MoveOptions { get; } = new();

    /// <summary>The whole-database move the options describe; from here on both connection strings are masked in the output.</summary>
    protected DatabaseMove ReadMove(CommandContext context)
    {
        var parse = context.ParseResult;
        context.Output.Secrets = ConnectionSecrets.OfAll([parse.GetValue(MoveOptions.From) ?? string.Empty, parse.GetValue(MoveOptions.To) ?? string.Empty]);
        return MoveOptions.Build(parse);
    }
}
