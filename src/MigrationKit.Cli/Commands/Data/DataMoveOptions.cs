using System.CommandLine;
using MigrationKit.Cli.Connections;
using MigrationKit.Data.Databases;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;

namespace MigrationKit.Cli.Commands.Data;

/// <summary>The options the data commands share: the two databases, the move's name and its tables.</summary>
internal sealed class DataMoveCommandOptions
{
    public Option<string?> From { get; } = new("--from") { Description = "The source database's connection string (SQLite or PostgreSQL, inferred).", HelpName = "connection" };

    public Option<string?> To { get; } = new("--to") { Description = "The target database's connection string; its schema must exist (made by its migrations).", HelpName = "connection" };

    public Option<string> Name { get; } = new("--name") { Description = "The move's name, which its control rows are kept under (default 'database').", DefaultValueFactory = _ => "database" };

    public Option<string[]> Tables { get; } = new("--tables") { Description = "Only these tables (default: every table of the source).", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> Except { get; } = new("--except") { Description = "Every table but these.", AllowMultipleArgumentsPerToken = true };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Rows per batch, each committed with its progress row (default 1000).", DefaultValueFactory = _ => 1000 };

    public static IDataEndpoint Endpoint(string connectionString) =>
        ProviderInference.Resolve(null, connectionString) == ProviderKind.Sqlite
            ? new SqliteDataEndpoint(connectionString)
            : new PostgreSqlDataEndpoint(connectionString);

    public static string Required(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } value ? value : throw new CommandLineException($"{option.Name} is required: pass the connection string of the database.");

    public DatabaseMove Build(ParseResult parse)
    {
        var builder = DatabaseMove.Named(parse.GetValue(Name)!)
            .From(Endpoint(Required(parse, From)))
            .To(Endpoint(Required(parse, To)))
            .BatchSize(parse.GetValue(BatchSize));
        if (parse.GetValue(Tables) is { Length: > 0 } tables)
        {
            builder.Tables(tables);
        }

        if (parse.GetValue(Except) is { Length: > 0 } except)
        {
            builder.Except(except);
        }

        return builder.Build();
    }

    public void AddTo(Command command, bool source)
    {
        if (source)
        {
            command.Options.Add(From);
        }

        command.Options.Add(To);
        command.Options.Add(Name);
        if (source)
        {
            command.Options.Add(Tables);
            command.Options.Add(Except);
            command.Options.Add(BatchSize);
        }
    }
}
