using FluentAssertions;
using Microsoft.Data.Sqlite;
using MigrationKit.Sqlite.Checkpoints;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Checkpoints;

/// <summary>
/// The fast path of an SQLite checkpoint: the database file copied as it stands in one read transaction, and the cases
/// where it must decline (so that the online backup API copies instead).
/// </summary>
public sealed class SqliteFileCopyTests
{
    private TestDatabase _database = null!;

    [SetUp]
    public void SetUp() => _database = new TestDatabase();

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [TestCase("delete")]
    [TestCase("wal")]
    public void Quiet_database_is_copied_whole_with_every_committed_row(string journalMode)
    {
        using (var writer = Open())
        {
            Execute(writer, $"PRAGMA journal_mode = {journalMode}; CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            Fill(writer, 1, 3_000);

            // In WAL mode these rows are still in the WAL (far below the auto-checkpoint): the copy must bring them.
            Fill(writer, 3_001, 50);
        }

        var copy = Path.Combine(_database.Folder, "copy.db");
        bool copied;
        using (var source = Open())
        using (var destination = new FileStream(copy, FileMode.CreateNew))
        {
            copied = SqliteFileCopy.TryCopy(source, _database.FilePath, destination, CancellationToken.None);
        }

        copied.Should().BeTrue();
        using var check = new SqliteConnection($"Data Source={copy};Pooling=False");
        check.Open();
        Scalar(check, "PRAGMA integrity_check").Should().Be("ok");
        Scalar(check, "SELECT count(*) FROM items").Should().Be(3_050L);
        Scalar(check, "SELECT max(id) FROM items").Should().Be(3_050L);
    }

    [Test]
    public void Wal_frames_another_reader_still_uses_make_it_decline_without_writing()
    {
        using var writer = Open();
        Execute(writer, "PRAGMA journal_mode = wal; CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        Fill(writer, 1, 100);

        // This reader's snapshot includes the WAL frames just written, so the WAL cannot be truncated while it reads,
        // and the file alone is not the database.
        using var reader = Open();
        using var reading = reader.BeginTransaction(deferred: true);
        Scalar(reader, "SELECT count(*) FROM items").Should().Be(100L);

        var copy = Path.Combine(_database.Folder, "copy.db");
        bool copied;
        using (var source = Open())
        using (var destination = new FileStream(copy, FileMode.CreateNew))
        {
            copied = SqliteFileCopy.TryCopy(source, _database.FilePath, destination, CancellationToken.None);
        }

        copied.Should().BeFalse();
        new FileInfo(copy).Length.Should().Be(0, "nothing is written when the copy declines");
        reading.Commit();
    }

    [Test]
    public void In_memory_database_has_no_file_to_copy_so_the_backup_api_takes_it()
    {
        // The checkpoint asks pragma_database_list for the file; an in-memory database has none, and a direct call
        // finds no open file behind "main".
        using var memory = new SqliteConnection("Data Source=:memory:");
        memory.Open();
        Execute(memory, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        Fill(memory, 1, 10);
        var copy = Path.Combine(_database.Folder, "copy.db");
        using var destination = new FileStream(copy, FileMode.CreateNew);

        SqliteFileCopy.TryCopy(memory, "", destination, CancellationToken.None).Should().BeFalse();
        destination.Length.Should().Be(0);
    }

    [Test]
    public void Cancellation_stops_the_copy()
    {
        using (var writer = Open())
        {
            Execute(writer, "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            Fill(writer, 1, 10);
        }

        using var source = Open();
        using var destination = new FileStream(Path.Combine(_database.Folder, "copy.db"), FileMode.CreateNew);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var copy = () => SqliteFileCopy.TryCopy(source, _database.FilePath, destination, cancelled.Token);

        copy.Should().Throw<OperationCanceledException>();
        Scalar(source, "SELECT count(*) FROM items").Should().Be(10L, "the read transaction ended with the cancellation");
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Fill(SqliteConnection connection, int from, int count)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO items (id, name) VALUES ($id, $name)";
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        for (var i = from; i < from + count; i++)
        {
            id.Value = i;
            name.Value = "item " + i;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
