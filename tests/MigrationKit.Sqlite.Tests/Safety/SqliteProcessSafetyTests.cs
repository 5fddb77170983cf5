using Microsoft.Data.Sqlite;
using MigrationKit.Providers;
using MigrationKit.SafetyRunner.Safety;

namespace MigrationKit.Sqlite.Tests.Safety;

/// <summary>Runner processes against one SQLite file (rollback journal): eight at once, and kill -9 at random moments.</summary>
public class SqliteProcessSafetyTests : ProcessSafetyFixture
{
    protected override string Provider => "sqlite";

    protected override bool HasRunLock => false;

    protected override Task<(string ConnectionString, IAsyncDisposable Cleanup)> CreateDatabaseAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "migrationkit-safety", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Runners wait up to two minutes for another's write lock: eight processes on a slow, busy machine can queue
        // for longer than the default 30 s, and a lock timeout there would say nothing about the guarantees tested.
        var connectionString = $"Data Source={Path.Combine(folder, "safety.db")};Default Timeout=120";
        Prepare(connectionString);
        return Task.FromResult<(string, IAsyncDisposable)>((connectionString, new Folder(folder)));
    }

    /// <summary>Sets the new database file up before the runners start; nothing by default.</summary>
    /// <param name="connectionString">The file's connection string.</param>
    protected virtual void Prepare(string connectionString)
    {
    }

    protected override MigrationProvider CreateProvider(string connectionString, TimeSpan lockWaitTimeout) => new SqliteMigrationProvider(connectionString);

    private sealed class Folder(string path) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(path, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// The same trials on a file in WAL mode, where each step's "started" journal entry is written without its own fsync
/// (the step's commit flushes it): a runner killed at any moment still leaves the entry.
/// </summary>
public sealed class SqliteWalProcessSafetyTests : SqliteProcessSafetyTests
{
    protected override void Prepare(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        command.ExecuteScalar().Should().Be("wal");
    }
}
