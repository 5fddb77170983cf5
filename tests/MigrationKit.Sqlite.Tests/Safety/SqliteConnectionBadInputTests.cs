using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using MigrationKit.Specification;
using MigrationKit.Specification.Support;

namespace MigrationKit.Sqlite.Tests.Safety;

/// <summary>
/// SQLite-only bad inputs: malformed connection strings, paths that cannot be opened, read-only files, files that are
/// not databases, and a password SQLite cannot use. Each is refused with a typed error naming the file (or the
/// parameter) and the remedy, leaves the file as it was, and never shows the password in an exception or a log line.
/// </summary>
public sealed class SqliteConnectionBadInputTests
{
    private const string Secret = "Sqlite-Pw-93b1-MustNeverLeak";

    private string _folder = null!;
    private ILoggerFactory _loggers = null!;
    private CapturingLoggerProvider _logs = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "migrationkit-badinput", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _loggers = CapturingLoggerProvider.CreateFactory(out _logs);
    }

    [TearDown]
    public void DeleteFolder()
    {
        _loggers.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [TestCase("Data Source=app.db;Password=" + Secret + ";Mode=Sideways", TestName = "MalformedConnectionString_BadModeValue")]
    [TestCase("Data Sorce=app.db;Password=" + Secret, TestName = "MalformedConnectionString_UnknownKeyword")]
    [TestCase("Data Source=app.db;Password=" + Secret + ";Cache=\"unterminated", TestName = "MalformedConnectionString_UnterminatedQuote")]
    public void MalformedConnectionString_ThrowsArgumentExceptionNamingTheParameterWithoutThePassword(string connectionString)
    {
        var act = () => new MigrationRunnerBuilder().UseSqlite(connectionString);

        var error = act.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be("connectionString");
        error.Message.Should().Contain("The SQLite connection string is not valid").And.Contain("Write it as 'Data Source=<file>'");
        SecretLeaks.Find([Secret], error, _logs).Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_DirectoryDoesNotExist_ThrowsConnectionErrorNamingThePathAndCreatesNothing()
    {
        var missing = Path.Combine(_folder, "no-such-folder", "app.db");
        await using var runner = Runner($"Data Source={missing}");

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain(missing).And.Contain("Check that the path or server exists");
        Directory.Exists(Path.GetDirectoryName(missing)).Should().BeFalse("nothing is created on the way");
    }

    [Test]
    public async Task MigrateUp_PathIsADirectory_ThrowsConnectionErrorNamingThePath()
    {
        await using var runner = Runner($"Data Source={_folder}");

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain(_folder).And.Contain("Check that the path or server exists");
        Directory.GetFileSystemEntries(_folder).Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_FileIsNotADatabase_ThrowsConnectionErrorAndLeavesTheFileAsItWas()
    {
        var file = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(file, "These are not the tables you are looking for.\n");
        var before = await File.ReadAllBytesAsync(file);
        await using var runner = Runner($"Data Source={file}");

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain(file).And.Contain("file is not a database");
        (await File.ReadAllBytesAsync(file)).Should().Equal(before);
    }

    [Test]
    public async Task MigrateUp_PasswordButNoEncryptionInTheSqliteLibrary_ThrowsConnectionErrorWithoutThePassword()
    {
        var file = Path.Combine(_folder, "app.db");
        await using var runner = Runner($"Data Source={file};Password={Secret}");

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain(file).And.Contain("password");
    }

    [Test]
    public async Task MigrateUp_ReadOnlyFile_ThrowsConnectionErrorAndLeavesTheDatabaseAsItWas()
    {
        var file = Path.Combine(_folder, "app.db");
        await using (var writer = Runner($"Data Source={file}"))
        {
            await writer.MigrateUpAsync(1);
        }

        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(file);
        await using var readOnly = Runner($"Data Source={file};Mode=ReadOnly");
        var status = await readOnly.GetStatusAsync();
        status.Applied.Select(a => a.Version).Should().Equal([1L], "a read-only database can still be inspected");

        var error = await Refused<MigrationConnectionException>(() => readOnly.MigrateUpAsync());

        error.Message.Should().Contain(file).And.Contain("readonly").And.Contain("may read and write it");
        SqliteConnection.ClearAllPools();
        (await File.ReadAllBytesAsync(file)).Should().Equal(before, "the read-only file is untouched");
        await using var check = Runner($"Data Source={file}");
        (await check.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
    }

    [Test]
    public async Task MigrateUp_AnotherConnectionHoldsTheWriteLock_TimesOutTypedNamingTheFile()
    {
        var file = Path.Combine(_folder, "app.db");
        await using var holder = new SqliteConnection($"Data Source={file}");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "CREATE TABLE \"held\" (\"id\" INTEGER); BEGIN IMMEDIATE; INSERT INTO \"held\" VALUES (1)";
            await begin.ExecuteNonQueryAsync();
        }

        await using var runner = Runner($"Data Source={file};Default Timeout=1");
        var waited = System.Diagnostics.Stopwatch.StartNew();

        var error = await Refused<MigrationLockTimeoutException>(() => runner.MigrateUpAsync());

        waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the wait is bounded by the connection string's Default Timeout");
        error.Message.Should().Contain(file).And.Contain("write lock").And.Contain("Wait for that migration to finish");
        await using (var rollback = holder.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        (await runner.GetHistoryAsync()).Should().BeEmpty("nothing ran while the lock was held");
    }

    [Test]
    public async Task MigrateUp_CancelledDuringALongStatement_InterruptsItAndRollsBack()
    {
        // In memory, so that the test can register gate() on the one connection the runner uses: the statement calls
        // it when it starts, and the test cancels only then (never on a timer that may fire before it starts).
        await using var provider = new SqliteMigrationProvider("Data Source=:memory:");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = (SqliteConnection)await provider.OpenConnectionAsync();
        connection.CreateFunction("gate", () =>
        {
            running.TrySetResult();
            return 1L;
        });
        await provider.ReleaseConnectionAsync(connection);
        await using var runner = new MigrationRunnerBuilder()
            .UseProvider(provider)
            .UseLoggerFactory(_loggers)
            .AddMigrationsFrom(typeof(SqliteConnectionBadInputTests).Assembly, "MigrationKit.Sqlite.Tests.Safety.LongStatement")
            .Build();
        await runner.MigrateUpAsync(1);
        using var cancellation = new CancellationTokenSource();
        // On another thread: Microsoft.Data.Sqlite runs statements synchronously, so the call returns only at the end.
        var run = Task.Run(() => runner.MigrateUpAsync(cancellationToken: cancellation.Token));

        await running.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await cancellation.CancelAsync();
        var waited = System.Diagnostics.Stopwatch.StartNew();

        (await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>()).Which.InnerException.Should().BeOfType<SqliteException>("the statement was interrupted");
        waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "the statement is interrupted, not run to its end");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
        (await runner.ReadSchemaAsync()).FindTable(new("counted")).Should().BeNull("the cancelled migration was rolled back");
    }

    private IMigrationRunner Runner(string connectionString) =>
        new MigrationRunnerBuilder()
            .UseSqlite(connectionString)
            .UseLoggerFactory(_loggers)
            .AddMigrationsFrom(typeof(ISpecificationTarget).Assembly, "MigrationKit.Specification.Migrations.Basic")
            .Build();

    private async Task<TException> Refused<TException>(Func<Task> act)
        where TException : Exception
    {
        var error = (await act.Should().ThrowExactlyAsync<TException>()).Which;
        SecretLeaks.Find([Secret], error, _logs).Should().BeEmpty("the password never appears in an exception or a log line");
        return error;
    }
}
