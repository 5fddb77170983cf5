using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MigrationKit.Benchmarks.Support;

/// <summary>
/// A new, empty SQLite database file under the system's temporary folder, in WAL mode, otherwise with
/// Microsoft.Data.Sqlite's defaults (<c>synchronous=FULL</c>, pooled connections). Disposing it clears the pools and
/// deletes the files.
/// </summary>
/// <remarks>
/// WAL because EF Core switches a SQLite database it creates to WAL, and most applications run SQLite in WAL: with
/// the default rollback journal a commit costs several <c>fsync</c>s instead of one, and a comparison where only one
/// side had WAL would measure the journal mode, not the tools. Every side gets the same file.
/// </remarks>
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
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        Check.That((string?)command.ExecuteScalar() == "wal", "the database did not switch to WAL");
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
