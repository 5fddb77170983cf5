using Microsoft.Data.Sqlite;

namespace MigrationKit.Sqlite.Tests.Support;

/// <summary>A throwaway SQLite database file in a private temp folder, deleted on dispose.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "migrationkit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "test.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public IMigrationRunner Runner(string migrationsNamespace, Action<MigrationKitOptions>? configure = null, TimeProvider? time = null) =>
        Runners.Create(ConnectionString, migrationsNamespace, configure, time);

    /// <summary>Runs a scalar query on a separate connection, the way an application would see the data.</summary>
    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leaked handle on a temp file must not fail the test that already ran.
        }
    }
}
