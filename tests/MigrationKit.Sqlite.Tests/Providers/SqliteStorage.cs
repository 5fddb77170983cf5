namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>Where a test database lives.</summary>
public enum SqliteStorage
{
    /// <summary><c>Data Source=:memory:</c>.</summary>
    Memory,

    /// <summary>A file in a fresh temporary directory.</summary>
    File,
}
