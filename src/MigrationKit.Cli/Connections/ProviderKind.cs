namespace MigrationKit.Cli.Connections;

/// <summary>The database providers the tool can drive.</summary>
internal enum ProviderKind
{
    Sqlite,
    PostgreSql,
}
