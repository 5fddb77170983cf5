using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MigrationKit.Benchmarks.Support;

/// <summary>
/// A SQLite database in a new file under the system's temporary folder, with Microsoft.Data.Sqlite's defaults
/// (rollback journal, <c>synchronous=FULL</c>, pooled connections): what an application gets from
/// <c>Data Source=app.db</c>. Disposing it clears the pools and deletes the file.
/// </summary>
public sealed class SqliteFileDatabase : BenchmarkDatabase
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "migrationkit-benchmarks");
    private readonly string _path;

    /// <summary>Creates the path of a new database; SQLite creates the file on first open.</summary>
    public SqliteFileDatabase()
    {
        Directory.CreateDirectory(Folder);
        _path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = _path }.ToString();
    }

    /// <inheritdoc />
    public override string ConnectionString { get; }

    /// <inheritdoc />
    public override MigrationRunnerBuilder Runner() => new MigrationRunnerBuilder().UseSqlite(ConnectionString);

    /// <inheritdoc />
    public override DbContextOptions<TContext> EfOptions<TContext>() =>
        new DbContextOptionsBuilder<TContext>().UseSqlite(ConnectionString).Options;

    /// <inheritdoc />
    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // Pooled connections keep the file open; the pools of every connection string that named it are cleared.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
