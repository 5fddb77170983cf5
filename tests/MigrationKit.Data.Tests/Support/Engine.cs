namespace MigrationKit.Data.Tests.Support;

public enum Engine
{
    Sqlite,
    SqliteMemory,
    PostgreSql,
}
