using System.CommandLine;

namespace MigrationKit.Cli.Commands;

/// <summary>The options every command accepts (recursive on the root command), and the environment variables behind them.</summary>
internal sealed class GlobalOptions
{
    public const string ConnectionVariable = "MIGRATIONKIT_CONNECTION";
    public const string AssemblyVariable = "MIGRATIONKIT_ASSEMBLY";

    public const string SqlDirectoryVariable = "MIGRATIONKIT_SQL_DIR";
    public const string CheckpointDirectoryVariable = "MIGRATIONKIT_CHECKPOINT_DIR";

    public Option<string?> Connection { get; } = new("--connection", "-c")
    {
        Description = $"The database's connection string (or the environment variable {ConnectionVariable}). Its password is never printed.",
        HelpName = "connection-string",
        Recursive = true,
    };

    public Option<string?> Provider { get; } = CreateProvider();

    public Option<string?> Assembly { get; } = new("--assembly", "-a")
    {
        Description = $"The application's .dll holding the migration classes (or {AssemblyVariable}); its dependencies resolve from its .deps.json.",
        HelpName = "path",
        Recursive = true,
    };

    public Option<string?> SqlDirectory { get; } = new("--sql-dir")
    {
        Description = $"A folder of SQL-file migrations (V{{version}}__{{description}}.sql, U… for Down, R__{{name}}.sql repeatable), or {SqlDirectoryVariable}; with --assembly too, both kinds mix in one version sequence.",
        HelpName = "path",
        Recursive = true,
    };

    public Option<string?> MigrationsNamespace { get; } = new("--migrations-namespace")
    {
        Description = "Only the migrations in this namespace (and those below it).",
        HelpName = "namespace",
        Recursive = true,
    };

    public Option<string?> Schema { get; } = new("--schema")
    {
        Description = "PostgreSQL: the schema the migrations and the history tables live in (default: the search path's first).",
        HelpName = "name",
        Recursive = true,
    };

    public Option<string?> CheckpointDirectory { get; } = new("--checkpoint-dir")
    {
        Description = $"The folder of checkpoint files (or {CheckpointDirectoryVariable}); needed by 'checkpoint' and by rollbacks that restore one.",
        HelpName = "path",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the result as JSON to stdout (shapes documented in docs/cli.md).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log what the library does, SQL included, to stderr.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Connection, Provider, Assembly, SqlDirectory, MigrationsNamespace, Schema, CheckpointDirectory, Json, Verbose];

    public RunnerSettings Read(ParseResult parseResult) => new(
        ValueOrVariable(parseResult.GetValue(Connection), ConnectionVariable),
        parseResult.GetValue(Provider),
        ValueOrVariable(parseResult.GetValue(Assembly), AssemblyVariable),
        parseResult.GetValue(MigrationsNamespace),
        parseResult.GetValue(Schema),
        ValueOrVariable(parseResult.GetValue(CheckpointDirectory), CheckpointDirectoryVariable),
        ValueOrVariable(parseResult.GetValue(SqlDirectory), SqlDirectoryVariable));

    private static string? ValueOrVariable(string? value, string variable) =>
        !string.IsNullOrWhiteSpace(value) ? value : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    private static Option<string?> CreateProvider()
    {
        var option = new Option<string?>("--provider", "-p")
        {
            Description = "sqlite or postgresql; inferred from the connection string when left out ('Data Source=' is SQLite, 'Host=' is PostgreSQL).",
            Recursive = true,
        };
        option.AcceptOnlyFromAmong("sqlite", "postgresql");
        return option;
    }
}
