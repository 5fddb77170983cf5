using System.CommandLine;
using MigrationKit.Cli.Output.Json;
using MigrationKit.Cli.Scaffolding;

namespace MigrationKit.Cli.Commands;

/// <summary><c>new "description"</c>: scaffolds a migration with a timestamp version, as a C# class or a V/U SQL file pair.</summary>
internal sealed class NewCommand : MigrationKitCommand
{
    private readonly Argument<string> _description = new("description") { Description = "What the migration does, in a few words (\"Add orders table\")." };

    private readonly Option<string> _directory = new("--dir", "-o")
    {
        Description = "The folder to write into (default: the current folder).",
        HelpName = "path",
        DefaultValueFactory = _ => ".",
    };

    private readonly Option<string> _namespace = new("--namespace", "-n")
    {
        Description = "The C# class's namespace (default: Migrations).",
        DefaultValueFactory = _ => "Migrations",
    };

    private readonly Option<bool> _sql = new("--sql") { Description = "Write a SQL pair instead: V{version}__{description}.sql (up) and U{version}__{description}.sql (down)." };

    public NewCommand()
        : base("new", "Scaffold a migration with a timestamp version (yyyyMMddHHmm, UTC): a C# class, or with --sql a V/U SQL file pair.")
    {
        Arguments.Add(_description);
        Options.Add(_directory);
        Options.Add(_namespace);
        Options.Add(_sql);
    }

    public override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var description = parse.GetRequiredValue(_description).Trim();
        if (!description.Any(char.IsAsciiLetterOrDigit))
        {
            throw new CommandLineException("The description must contain letters or digits; it names the class or the SQL files (\"Add orders table\").");
        }

        var version = MigrationScaffolder.Version(TimeProvider.System.GetUtcNow());
        var directory = parse.GetRequiredValue(_directory);
        var files = parse.GetValue(_sql)
            ? MigrationScaffolder.WriteSqlPair(directory, version, description)
            : MigrationScaffolder.WriteClass(directory, parse.GetRequiredValue(_namespace), version, description);
        if (context.Output.Json)
        {
            context.Output.WriteJson(new NewDocument(version, description, files.Select(Path.GetFullPath).ToArray()), CliJsonContext.Output.NewDocument);
        }
        else
        {
            foreach (var file in files)
            {
                context.Output.Line("Created " + file);
            }
        }

        return Task.FromResult(ExitCodes.Success);
    }
}
