using Microsoft.Data.Sqlite;
using MigrationKit.Providers;
using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

/// <summary>The conformance suite on SQLite files: each database is a new file in a private temp folder, deleted on dispose.</summary>
public sealed class SqliteTarget : ISpecificationTarget
{
    public string ProviderName => "sqlite";

    public Task<ISpecificationDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<ISpecificationDatabase>(new FileDatabase());

    private sealed class FileDatabase : ISpecificationDatabase
    {
        private readonly string _folder;
        private readonly string _connectionString;

        public FileDatabase()
        {
            _folder = Path.Combine(Path.GetTempPath(), "migrationkit-spec", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            _connectionString = $"Data Source={Path.Combine(_folder, "spec.db")}";
        }

        public MigrationProvider CreateProvider() => new SqliteMigrationProvider(_connectionString);

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leaked handle on a temp file must not fail the test that already ran.
            }

            return ValueTask.CompletedTask;
        }
    }
}
