using Microsoft.Data.Sqlite;
using MigrationKit.Providers;
using MigrationKit.SafetyRunner.Safety;

namespace MigrationKit.Sqlite.Tests.Safety;

/// <summary>Runner processes against one SQLite file: eight at once, and kill -9 at random moments.</summary>
public sealed class SqliteProcessSafetyTests : ProcessSafetyFixture
{
    protected override string Provider => "sqlite";

    protected override bool HasRunLock => false;

    protected override Task<(string ConnectionString, IAsyncDisposable Cleanup)> CreateDatabaseAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "migrationkit-safety", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Task.FromResult<(string, IAsyncDisposable)>(($"Data Source={Path.Combine(folder, "safety.db")}", new Folder(folder)));
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
