namespace MigrationKit.Cli.Commands;

/// <summary>What the common options say about the database and the migrations, after the environment variables.</summary>
internal sealed record RunnerSettings(
    string? ConnectionString,
    string? Provider,
    string? AssemblyPath,
    string? MigrationsNamespace,
    string? Schema,
    string? CheckpointDirectory,
    string? SqlDirectory = null);
