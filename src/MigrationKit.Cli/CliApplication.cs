using System.CommandLine;
using System.CommandLine.Invocation;
using MigrationKit.Cli.Commands;
using MigrationKit.Cli.Commands.Checkpoints;
using MigrationKit.Cli.Connections;

namespace MigrationKit.Cli;

/// <summary>The <c>migrationkit</c> command line: the commands, the common options, parsing and exit codes.</summary>
internal static class CliApplication
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        var globals = new GlobalOptions();
        var root = BuildRoot(globals, new CommandInvoker(globals, stdout, stderr));
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // Usage errors get their own exit code (the parser's default is 1, the code of a failed command).
            var secrets = args.Select(ConnectionSecrets.Of).ToArray();
            foreach (var error in parseResult.Errors)
            {
                await stderr.WriteLineAsync("error: " + secrets.Aggregate(error.Message, (text, s) => s.Apply(text))).ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'migrationkit --help', or 'migrationkit <command> --help', for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        return await parseResult.InvokeAsync(invocation).ConfigureAwait(false);
    }

    internal static RootCommand BuildRoot(GlobalOptions globals, CommandInvoker invoker)
    {
        var root = new RootCommand("migrationkit: versioned database migrations for SQLite and PostgreSQL (MigrationKit).");
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        // The commands, in the order help lists them. A new command is one class and one line here.
        Command[] commands =
        [
            new StatusCommand(),
            new UpCommand(),
            new DownCommand(),
            new RollbackCommand(),
            new ScriptCommand(),
            new PlanCommand(),
            new HistoryCommand(),
            new JournalCommand(),
            new RunsCommand(),
            new ValidateCommand(),
            new DriftCommand(),
            new HealthCommand(),
            new RepairCommand(),
            new BaselineCommand(),
            new CheckpointCommand(),
            new Commands.Data.DataCommand(),
            new NewCommand(),
        ];
        foreach (var command in commands)
        {
            Wire(command, invoker);
            root.Subcommands.Add(command);
        }

        return root;
    }

    private static void Wire(Command command, CommandInvoker invoker)
    {
        if (command is MigrationKitCommand runnable)
        {
            command.SetAction((parseResult, cancellationToken) => invoker.InvokeAsync(runnable, parseResult, cancellationToken));
        }

        foreach (var subcommand in command.Subcommands)
        {
            Wire(subcommand, invoker);
        }
    }
}
