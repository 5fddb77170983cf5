using System.CommandLine;

namespace MigrationKit.Cli.Commands.Data;

/// <summary><c>data plan|run|status|validate</c>: whole-database data moves between two databases whose schemas the migrations made.</summary>
internal sealed class DataCommand : Command
{
    public DataCommand()
        : base("data", "Data moves: plan, then copy every table (or a chosen set) of --from into --to in foreign-key order, resumably; show their state; validate them.")
    {
        Subcommands.Add(new DataPlanCommand());
        Subcommands.Add(new DataRunCommand());
        Subcommands.Add(new DataStatusCommand());
        Subcommands.Add(new DataValidateCommand());
    }
}
