using System.Data;
using Microsoft.Data.Sqlite;
using MigrationKit.History;
using MigrationKit.Providers;

namespace MigrationKit.Sqlite.Tests.Providers;

public sealed class SqliteMigrationProviderTests
{
    private string _directory = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "migrationkit-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestCase("Data Source=app.db;Password=hunter2;Pasword=hunter2")]
    [TestCase("Data Source=app.db;Password='hunter2")]
    [TestCase("Password=hunter2;Mode=Bogus")]
    [TestCase("Password=hunter2;Foreign Keys=maybe")]
    [TestCase("Password=hunter2;Data Source")]
    public void Constructor_MalformedConnectionString_ThrowsArgumentExceptionWithoutPassword(string connectionString)
    {
        var act = () => new SqliteMigrationProvider(connectionString);

        var thrown = act.Should().Throw<ArgumentException>().Which;
        thrown.ParamName.Should().Be("connectionString");
        thrown.Message.Should().Contain("SQLite connection string is not valid").And.NotContain("hunter2");
        thrown.ToString().Should().NotContain("hunter2", "neither the message nor the wrapped driver exception may repeat the password");
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Constructor_EmptyConnectionString_ThrowsArgumentException(string connectionString)
    {
        var act = () => new SqliteMigrationProvider(connectionString);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("connectionString");
    }

    [TestCase("Data Source=/data/app.db;Password=hunter2", "SQLite database '/data/app.db'")]
    [TestCase("Data Source=:memory:", "SQLite database ':memory:'")]
    [TestCase("Data Source=shared;Mode=Memory;Cache=Shared", "SQLite database 'shared'")]
    public void Constructor_ValidConnectionString_NamesTheDatabaseWithoutPassword(string connectionString, string displayName)
    {
        using var provider = new SqliteMigrationProvider(connectionString);

        provider.Name.Should().Be("sqlite");
        provider.DisplayName.Should().Be(displayName);
        provider.SqlGenerator.ProviderName.Should().Be("sqlite");
    }

    [Test]
    public async Task OpenConnectionAsync_FileDatabaseWithForeignKeysOn_SwitchesEnforcementOff()
    {
        await using var provider = new SqliteMigrationProvider($"Data Source={Path.Combine(_directory, "a.db")};Foreign Keys=True");

        var connection = await provider.OpenConnectionAsync();
        try
        {
            connection.State.Should().Be(ConnectionState.Open);
            (await ScalarAsync(connection, "PRAGMA foreign_keys")).Should().Be(0L);
        }
        finally
        {
            await provider.ReleaseConnectionAsync(connection);
        }

        connection.State.Should().Be(ConnectionState.Closed, "a file connection is disposed on release");
    }

    [Test]
    public async Task OpenConnectionAsync_DirectoryMissing_ThrowsCantOpenThatIsAConnectionFailure()
    {
        await using var provider = new SqliteMigrationProvider($"Data Source={Path.Combine(_directory, "missing", "app.db")}");

        var act = () => provider.OpenConnectionAsync().AsTask();

        var thrown = (await act.Should().ThrowAsync<SqliteException>()).Which;
        thrown.SqliteErrorCode.Should().Be(SQLitePCL.raw.SQLITE_CANTOPEN);
        provider.IsConnectionFailure(thrown).Should().BeTrue();
    }

    [Test]
    public async Task IsConnectionFailure_FileIsNotADatabase_ReturnsTrue()
    {
        var path = Path.Combine(_directory, "notes.db");
        await File.WriteAllTextAsync(path, new string('x', 4096));
        await using var provider = new SqliteMigrationProvider($"Data Source={path}");

        var act = async () =>
        {
            var connection = await provider.OpenConnectionAsync();
            try
            {
                await provider.SchemaReader.ReadAsync(new MigrationSession(provider, connection));
            }
            finally
            {
                await provider.ReleaseConnectionAsync(connection);
            }
        };

        var thrown = (await act.Should().ThrowAsync<SqliteException>()).Which;
        thrown.SqliteErrorCode.Should().Be(SQLitePCL.raw.SQLITE_NOTADB);
        provider.IsConnectionFailure(thrown).Should().BeTrue();
    }

    [Test]
    public async Task IsConnectionFailure_StatementFailed_ReturnsFalse()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var act = () => db.ExecuteSqlAsync("SELECT * FROM no_such_table");

        var thrown = (await act.Should().ThrowAsync<SqliteException>()).Which;

        db.Provider.IsConnectionFailure(thrown).Should().BeFalse();
        db.Provider.IsConnectionFailure(new InvalidOperationException("not the driver")).Should().BeFalse();
    }

    [TestCase("Data Source=:memory:")]
    [TestCase("Data Source=migrationkit-tests;Mode=Memory;Cache=Shared")]
    [TestCase("Data Source=")]
    public async Task OpenConnectionAsync_InMemory_KeepsDataAcrossSessions(string connectionString)
    {
        await using var provider = new SqliteMigrationProvider(connectionString);
        var first = await provider.OpenConnectionAsync();
        await new MigrationSession(provider, first).ExecuteAsync("CREATE TABLE kept (id INTEGER); INSERT INTO kept VALUES (42)");
        await provider.ReleaseConnectionAsync(first);

        var second = await provider.OpenConnectionAsync();
        try
        {
            second.Should().BeSameAs(first);
            second.State.Should().Be(ConnectionState.Open);
            (await ScalarAsync(second, "SELECT id FROM kept")).Should().Be(42L);
            (await ScalarAsync(second, "PRAGMA foreign_keys")).Should().Be(0L);
        }
        finally
        {
            await provider.ReleaseConnectionAsync(second);
        }
    }

    [Test]
    public async Task OpenConnectionAsync_InMemoryConnectionInUse_WaitsForRelease()
    {
        await using var provider = new SqliteMigrationProvider("Data Source=:memory:");
        var first = await provider.OpenConnectionAsync();

        // The test holds the only connection (the gate), so the second open cannot complete until it is released.
        var second = provider.OpenConnectionAsync().AsTask();
        second.IsCompleted.Should().BeFalse("one session at a time uses the in-memory connection");
        await provider.ReleaseConnectionAsync(first);

        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeSameAs(first);
        await provider.ReleaseConnectionAsync(first);
    }

    [Test]
    public async Task OpenConnectionAsync_InMemoryWaitCancelled_ThrowsAndLeavesConnectionUsable()
    {
        await using var provider = new SqliteMigrationProvider("Data Source=:memory:");
        var first = await provider.OpenConnectionAsync();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var act = () => provider.OpenConnectionAsync(cancellation.Token).AsTask();

        await act.Should().ThrowAsync<OperationCanceledException>();
        await provider.ReleaseConnectionAsync(first);
        var again = await provider.OpenConnectionAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        again.Should().BeSameAs(first);
        await provider.ReleaseConnectionAsync(again);
    }

    [Test]
    public async Task DisposeAsync_InMemory_ClosesTheDatabase()
    {
        var provider = new SqliteMigrationProvider("Data Source=:memory:");
        var connection = await provider.OpenConnectionAsync();
        await provider.ReleaseConnectionAsync(connection);

        await provider.DisposeAsync();

        connection.State.Should().Be(ConnectionState.Closed);
        var act = () => provider.OpenConnectionAsync().AsTask();
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Test]
    public async Task BeginTransactionAsync_TransactionOpen_SecondWriterIsBusy()
    {
        var path = Path.Combine(_directory, "shared.db");
        await using var runner = new SqliteMigrationProvider($"Data Source={path};Pooling=False");
        await using var other = new SqliteMigrationProvider($"Data Source={path};Pooling=False;Default Timeout=1");
        var session = new MigrationSession(runner, await runner.OpenConnectionAsync());
        var otherSession = new MigrationSession(other, await other.OpenConnectionAsync());
        try
        {
            await session.ExecuteAsync("CREATE TABLE t (x INTEGER)");
            session.Transaction = await runner.BeginTransactionAsync(session);

            // No statement has run in the transaction yet: only BEGIN IMMEDIATE holds the write lock this early.
            var write = () => otherSession.ExecuteAsync("INSERT INTO t VALUES (1)").AsTask();
            (await write.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(SQLitePCL.raw.SQLITE_BUSY);
            var begin = () => other.BeginTransactionAsync(otherSession).AsTask();
            (await begin.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(SQLitePCL.raw.SQLITE_BUSY);

            await session.Transaction.CommitAsync();
            await session.Transaction.DisposeAsync();
            session.Transaction = null;
            (await otherSession.ExecuteAsync("INSERT INTO t VALUES (1)")).Should().Be(1);
        }
        finally
        {
            await runner.ReleaseConnectionAsync(session.Connection);
            await other.ReleaseConnectionAsync(otherSession.Connection);
        }
    }

    [Test]
    public async Task BeforeCommitAsync_NoViolations_Completes()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id)); INSERT INTO p VALUES (1); INSERT INTO c VALUES (1), (NULL)");

        await db.InTransactionAsync(() => db.ExecuteSqlAsync("INSERT INTO c VALUES (1)"));

        (await db.ScalarAsync("SELECT COUNT(*) FROM c")).Should().Be(3L);
    }

    [Test]
    public async Task BeforeCommitAsync_ManyViolations_ListsFiftyAndCountsTheRest()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id))");

        var act = () => db.InTransactionAsync(() => db.ExecuteSqlAsync("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) INSERT INTO c SELECT i FROM n"));

        var message = (await act.Should().ThrowAsync<MigrationKitException>()).Which.Message;
        message.Should().StartWith("60 row(s) of SQLite database ':memory:' violate foreign keys")
            .And.Contain("table \"c\" rowid 50 references a missing row of \"p\"")
            .And.NotContain("rowid 51 ")
            .And.Contain("and 10 more");
        (await db.ScalarAsync("SELECT COUNT(*) FROM c")).Should().Be(0L, "the transaction was rolled back");
    }

    [Test]
    public async Task BeforeCommitAsync_ForeignKeyToColumnsThatAreNotAKey_ThrowsWithAdvice()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync("CREATE TABLE p (id INTEGER, code TEXT PRIMARY KEY)");

        var act = () => db.InTransactionAsync(() => db.ExecuteSqlAsync("CREATE TABLE c (p_id INTEGER REFERENCES p (id))"));

        var thrown = (await act.Should().ThrowAsync<MigrationKitException>()).Which;
        thrown.Message.Should().Contain("neither the primary key nor unique").And.Contain("foreign key mismatch - \"c\" referencing \"p\"");
        thrown.InnerException.Should().BeOfType<SqliteException>();
        (await db.Provider.SchemaReader.TableExistsAsync(db.Session, new("c"))).Should().BeFalse();
    }

    [Test]
    public async Task ReleaseConnectionAsync_InMemoryAfterDispose_DoesNotThrow()
    {
        var provider = new SqliteMigrationProvider("Data Source=:memory:");
        var connection = await provider.OpenConnectionAsync();
        await provider.DisposeAsync();

        var release = () => provider.ReleaseConnectionAsync(connection).AsTask();

        await release.Should().NotThrowAsync();
        connection.State.Should().Be(ConnectionState.Closed);
    }

    [Test]
    public async Task CreateHistory_Sqlite_StoresAndReadsHistoryAndJournal()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var history = db.Provider.CreateHistory(db.Session, new MigrationHistoryOptions());
        var applied = new AppliedMigration(2026_11_22_0900, "Create agents", "sha256:abc", new DateTimeOffset(2026, 11, 22, 9, 0, 1, TimeSpan.Zero), TimeSpan.FromMilliseconds(12), "tests", "0.1.0");

        (await history.ExistsAsync()).Should().BeFalse();
        await history.EnsureCreatedAsync();
        await history.EnsureCreatedAsync();
        await history.AddAsync(applied);
        await history.AppendJournalAsync(new JournalEntry(Guid.NewGuid(), applied.Version, JournalAction.Up, JournalStatus.Started, applied.AppliedAt) { AppliedBy = "tests" });
        await history.AppendJournalAsync(new JournalEntry(Guid.NewGuid(), null, JournalAction.Up, JournalStatus.Failed, applied.AppliedAt) { AppliedBy = "tests", Error = "boom", Duration = TimeSpan.FromSeconds(1) });

        (await history.ExistsAsync()).Should().BeTrue();
        (await history.IsAppliedAsync(applied.Version)).Should().BeTrue();
        (await history.GetAppliedAsync()).Should().Equal(applied);
        var journal = await history.GetJournalAsync();
        journal.Select(j => j.Id).Should().Equal(1L, 2L);
        journal[1].Should().BeEquivalentTo(new { Version = (long?)null, Status = JournalStatus.Failed, Error = "boom", Duration = (TimeSpan?)TimeSpan.FromSeconds(1) });
        var journalTable = (await db.ReadAsync()).FindTable(new("__migrationkit_journal"))!;
        journalTable.FindColumn("id")!.IsIdentity.Should().BeTrue();
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [TestCase("wal", 2L, 1L)]
    [TestCase("wal", 1L, 1L)]
    [TestCase("delete", 2L, 2L)]
    public async Task BeginUnflushedWriteAsync_FileDatabase_LowersSynchronousOnlyInWalModeAndRestoresIt(string journalMode, long synchronous, long inside)
    {
        await using var db = await SqliteTestDatabase.CreateAsync(SqliteStorage.File);
        await db.ExecuteSqlAsync($"PRAGMA journal_mode = {journalMode}; PRAGMA synchronous = {synchronous}");

        var scope = await db.Provider.BeginUnflushedWriteAsync(db.Session);
        var during = await SynchronousAsync(db);
        await scope.DisposeAsync();

        during.Should().Be(inside);
        (await SynchronousAsync(db)).Should().Be(synchronous, "the session's own setting is back for the migration's commit");
    }

    [Test]
    public async Task BeginUnflushedWriteAsync_InsideTransaction_ChangesNothing()
    {
        await using var db = await SqliteTestDatabase.CreateAsync(SqliteStorage.File);
        await db.ExecuteSqlAsync("PRAGMA journal_mode = wal; PRAGMA synchronous = FULL");
        db.Session.Transaction = await db.Provider.BeginTransactionAsync(db.Session);

        await using (await db.Provider.BeginUnflushedWriteAsync(db.Session))
        {
            (await SynchronousAsync(db)).Should().Be(2);
        }

        await db.Session.Transaction.RollbackAsync();
        db.Session.Transaction = null;
    }

    private static async Task<long> SynchronousAsync(SqliteTestDatabase db)
    {
        await using var command = db.Session.CreateCommand("PRAGMA synchronous");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
