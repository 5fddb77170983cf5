using System.Data.Common;

namespace MigrationKit.Cli.Connections;

/// <summary>Chooses the provider from <c>--provider</c>, or else from the keys of the connection string.</summary>
internal static class ProviderInference
{
    // Keys only one of the two drivers understands (Microsoft.Data.Sqlite: Data Source/Filename; Npgsql: Host/Server/Port/Username...).
    private static readonly string[] SqliteKeys = ["data source", "datasource", "filename", "mode", "cache"];
    private static readonly string[] PostgreSqlKeys = ["host", "server", "port", "username", "user id", "userid", "user", "database", "sslmode", "ssl mode", "search path"];

    public static ProviderKind Resolve(string? provider, string connectionString)
    {
        if (!string.IsNullOrWhiteSpace(provider))
        {
            return Parse(provider);
        }

        var keys = Keys(connectionString);
        if (keys.Any(k => SqliteKeys.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            return ProviderKind.Sqlite;
        }

        if (keys.Any(k => PostgreSqlKeys.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            return ProviderKind.PostgreSql;
        }

        throw new CommandLineException(
            "Cannot tell the database provider from the connection string (it has neither 'Data Source' for SQLite nor 'Host' for PostgreSQL). Pass --provider sqlite or --provider postgresql.");
    }

    public static ProviderKind Parse(string provider) => provider.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => ProviderKind.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => ProviderKind.PostgreSql,
        _ => throw new CommandLineException($"Unknown provider '{provider}'. Pass --provider sqlite or --provider postgresql."),
    };

    private static List<string> Keys(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.Keys.Cast<string>().ToList();
        }
        catch (ArgumentException)
        {
            // A malformed string (the driver will say what is wrong with it); guess from the text before each '='.
            return connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(part => part.Split('=', 2)[0].Trim())
                .ToList();
        }
    }
}
