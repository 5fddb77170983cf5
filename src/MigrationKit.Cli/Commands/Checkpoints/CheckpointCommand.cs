using System.CommandLine;

namespace MigrationKit.Cli.Commands.Checkpoints;

/// <summary><c>checkpoint create|list|verify|restore|prune</c>: real backups of the database, in the folder of <c>--checkpoint-dir</c>.</summary>
internal sealed class CheckpointCommand : Command
{
    public CheckpointCommand()
        : base("checkpoint", "Checkpoints: real backups of the database (SQLite online backup, PostgreSQL pg_dump) kept in --checkpoint-dir.")
    {
        Subcommands.Add(new CheckpointCreateCommand());
        Subcommands.Add(new CheckpointListCommand());
        Subcommands.Add(new CheckpointVerifyCommand());
        Subcommands.Add(new CheckpointRestoreCommand());
        Subcommands.Add(new CheckpointPruneCommand());
    }
}
