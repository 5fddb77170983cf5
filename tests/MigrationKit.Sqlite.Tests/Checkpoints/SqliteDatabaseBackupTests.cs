using FluentAssertions;
using Microsoft.Data.Sqlite;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Sqlite.Checkpoints;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Checkpoints;

/// <summary>The SQLite provider's checkpoints: backup, damage, restore, on files (both journal modes) and in memory.</summary>
public sealed class SqliteDatabaseBackupTests
{
    private const string Shop = "MigrationKit.Sqlite.Tests.Checkpoints.Shop";

    private TestDatabase _database = null!;

    [SetUp]
    public void SetUp() => _database = new TestDatabase();

    [TearDown]
    public void TearDown() => _database.Dispose();

    [TestCase("delete")]
    [TestCase("wal")]
    public async Task Full_checkpoint_then_damage_then_restore_gives_back_the_same_schema_and_rows(string journalMode)
    {
        _database.Execute($"PRAGMA journal_mode = {journalMode}");
        await using var runner = _database.Runner(Shop);
        await runner.MigrateUpAsync();
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        var backup = provider.CreateBackup();
        using var other = Open();
        SqliteContent.Fill(other, 500);
        var schemaBefore = await runner.ReadSchemaAsync();
        var rowsBefore = SqliteContent.Hashes(other);
        var file = Path.Combine(_database.Folder, "checkpoint" + backup.FileExtension);

        // Another connection stays open, inside a read transaction, while the backup runs.
        using (var reading = other.BeginTransaction())
        {
            SqliteContent.Count(other, "orders").Should().Be(1500);
            await backup.BackupAsync(file, CheckpointLevel.Full);
            reading.Commit();
        }

        await backup.VerifyAsync(file);
        SqliteContent.Damage(other);
        SqliteContent.Hashes(other).Should().NotEqual(rowsBefore);
        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().NotBeEmpty();

        await backup.RestoreAsync(file, CheckpointLevel.Full);

        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().BeEmpty();
        SqliteContent.Hashes(other).Should().Equal(rowsBefore, "the connection that stayed open sees the restored rows");
        SqliteContent.Hashes(_database.ConnectionString).Should().Equal(rowsBefore);
        Scalar(other, "PRAGMA journal_mode").Should().Be(journalMode);
        Scalar(other, "PRAGMA integrity_check").Should().Be("ok");
        (await runner.GetStatusAsync()).CurrentVersion.Should().Be(2);
        Directory.GetFiles(_database.Folder, "*.tmp").Should().BeEmpty("the temporary copy is deleted");
    }

    [Test]
    public async Task In_memory_database_is_backed_up_to_a_file_and_restored_into_memory()
    {
        await using var provider = new SqliteMigrationProvider("Data Source=:memory:");
        await using var runner = new MigrationRunnerBuilder().UseProvider(provider).AddMigrationsFrom(typeof(SqliteDatabaseBackupTests).Assembly, Shop).Build();
        await runner.MigrateUpAsync();
        var backup = provider.CreateBackup();
        var file = Path.Combine(_database.Folder, "memory.db");
        Dictionary<string, string> rowsBefore;
        var connection = (SqliteConnection)await provider.OpenConnectionAsync();
        try
        {
            SqliteContent.Fill(connection, 200);
            rowsBefore = SqliteContent.Hashes(connection);
        }
        finally
        {
            await provider.ReleaseConnectionAsync(connection);
        }

        var schemaBefore = await runner.ReadSchemaAsync();
        await backup.BackupAsync(file, CheckpointLevel.Full);
        SqliteContent.Hashes($"Data Source={file};Mode=ReadOnly;Pooling=False").Should().Equal(rowsBefore, "the file holds the in-memory rows");

        connection = (SqliteConnection)await provider.OpenConnectionAsync();
        try
        {
            SqliteContent.Damage(connection);
        }
        finally
        {
            await provider.ReleaseConnectionAsync(connection);
        }

        await backup.RestoreAsync(file, CheckpointLevel.Full);

        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().BeEmpty();
        connection = (SqliteConnection)await provider.OpenConnectionAsync();
        try
        {
            SqliteContent.Hashes(connection).Should().Equal(rowsBefore);
        }
        finally
        {
            await provider.ReleaseConnectionAsync(connection);
        }

        (await runner.GetStatusAsync()).CurrentVersion.Should().Be(2);
    }

    [Test]
    public async Task Schema_checkpoint_keeps_the_schema_and_the_history_rows_without_user_rows()
    {
        await using var runner = _database.Runner(Shop);
        await runner.MigrateUpAsync();
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        var backup = provider.CreateBackup();
        using var other = Open();
        SqliteContent.Fill(other, 100);
        SqliteContent.Execute(other, "DELETE FROM orders WHERE id = 1");
        SqliteContent.Count(other, "audit").Should().Be(1, "the delete trigger wrote a row");
        var schemaBefore = await runner.ReadSchemaAsync();
        var rowsBefore = SqliteContent.Hashes(other);
        var file = Path.Combine(_database.Folder, "schema.db");

        await backup.BackupAsync(file, CheckpointLevel.Schema);

        using (var checkpoint = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
        {
            checkpoint.Open();
            foreach (var table in new[] { "customers", "orders", "audit", "settings" })
            {
                SqliteContent.Count(checkpoint, table).Should().Be(0, $"the schema level keeps no rows of {table}");
            }

            SqliteContent.Count(checkpoint, "__migrationkit_history").Should().Be(2);
            SqliteContent.Count(checkpoint, "__migrationkit_journal").Should().Be(SqliteContent.Count(other, "__migrationkit_journal")).And.BeGreaterThan(0);
            SqliteContent.Count(checkpoint, "__migrationkit_runs").Should().Be(SqliteContent.Count(other, "__migrationkit_runs")).And.BeGreaterThan(0, "the run records are bookkeeping, kept like the journal");
            Scalar(checkpoint, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'tr_orders_delete'").Should().Be("1");
        }

        SqliteContent.Damage(other);
        await backup.RestoreAsync(file, CheckpointLevel.Schema);

        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().BeEmpty();
        var rowsAfter = SqliteContent.Hashes(other);
        rowsAfter["customers"].Should().StartWith("0:");
        rowsAfter["orders"].Should().StartWith("0:");
        rowsAfter["audit"].Should().StartWith("0:");
        rowsAfter["__migrationkit_history"].Should().Be(rowsBefore["__migrationkit_history"]);
        rowsAfter["__migrationkit_journal"].Should().Be(rowsBefore["__migrationkit_journal"]);
        rowsAfter["__migrationkit_runs"].Should().Be(rowsBefore["__migrationkit_runs"]);
        (await runner.GetStatusAsync()).CurrentVersion.Should().Be(2, "the history came back with the schema");
    }

    [Test]
    public async Task Schema_checkpoint_keeps_the_rows_of_history_tables_with_custom_names()
    {
        await using var runner = _database.Runner(Shop, o =>
        {
            o.History.HistoryTable = new("app_history");
            o.History.JournalTable = new("app_journal");
        });
        await runner.MigrateUpAsync();
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        var backup = provider.CreateBackup(new MigrationHistoryOptions { HistoryTable = new("app_history"), JournalTable = new("app_journal") });
        var file = Path.Combine(_database.Folder, "schema.db");

        await backup.BackupAsync(file, CheckpointLevel.Schema);

        using var checkpoint = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        checkpoint.Open();
        SqliteContent.Count(checkpoint, "app_history").Should().Be(2);
        SqliteContent.Count(checkpoint, "app_journal").Should().BeGreaterThan(0);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Checkpoint_file_is_readable_by_its_owner_only()
    {
        await using var runner = _database.Runner(Shop);
        await runner.MigrateUpAsync();
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        var backup = provider.CreateBackup();
        var full = Path.Combine(_database.Folder, "full.db");
        var schema = Path.Combine(_database.Folder, "schema.db");

        await backup.BackupAsync(full, CheckpointLevel.Full);
        await backup.BackupAsync(schema, CheckpointLevel.Schema);

        File.GetUnixFileMode(full).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(schema).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(_database.Folder).Should().NotContain(f => f.EndsWith("-journal", StringComparison.Ordinal) || f.EndsWith("-wal", StringComparison.Ordinal));
    }

    [Test]
    public async Task Backup_refuses_an_existing_file_and_leaves_it_alone()
    {
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        var file = Path.Combine(_database.Folder, "taken.db");
        await File.WriteAllTextAsync(file, "keep me");

        var act = async () => await provider.CreateBackup().BackupAsync(file, CheckpointLevel.Full);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(file).And.Contain("exists already");
        (await File.ReadAllTextAsync(file)).Should().Be("keep me");
    }

    [Test]
    public async Task Backup_into_a_missing_folder_fails_with_the_file_named()
    {
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        var file = Path.Combine(_database.Folder, "missing", "c.db");

        var act = async () => await provider.CreateBackup().BackupAsync(file, CheckpointLevel.Full);

        (await act.Should().ThrowAsync<CheckpointException>()).Which.Message.Should().Contain(file).And.Contain("folder exists");
    }

    [TestCase("truncated")]
    [TestCase("garbage")]
    [TestCase("flipped")]
    [TestCase("missing")]
    [TestCase("empty")]
    public async Task Damaged_checkpoint_is_refused_and_the_database_is_left_as_it_was(string damage)
    {
        await using var runner = _database.Runner(Shop);
        await runner.MigrateUpAsync();
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        var backup = provider.CreateBackup();
        using var other = Open();
        SqliteContent.Fill(other, 300, noteLength: 200);
        var file = Path.Combine(_database.Folder, "c.db");
        await backup.BackupAsync(file, CheckpointLevel.Full);
        SqliteContent.Damage(other);
        var rowsBefore = SqliteContent.Hashes(other);
        var schemaBefore = await runner.ReadSchemaAsync();
        var bytes = await File.ReadAllBytesAsync(file);
        switch (damage)
        {
            case "truncated":
                await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
                break;
            case "garbage":
                await File.WriteAllBytesAsync(file, System.Text.Encoding.UTF8.GetBytes(new string('x', 8192)));
                break;
            case "flipped":
                // Scribble over the middle of the b-tree pages, keeping the header and the length.
                for (var i = bytes.Length / 3; i < bytes.Length / 3 + 4096; i++)
                {
                    bytes[i] ^= 0x5A;
                }

                await File.WriteAllBytesAsync(file, bytes);
                break;
            case "missing":
                File.Delete(file);
                break;
            case "empty":
                await File.WriteAllBytesAsync(file, []);
                break;
        }

        var verify = async () => await backup.VerifyAsync(file);
        var restore = async () => await backup.RestoreAsync(file, CheckpointLevel.Full);

        (await verify.Should().ThrowAsync<CheckpointException>()).Which.Message.Should().Contain(file);
        (await restore.Should().ThrowAsync<CheckpointException>()).Which.Message.Should().Contain(file);
        SqliteContent.Hashes(other).Should().Equal(rowsBefore);
        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().BeEmpty();
        Directory.GetFiles(_database.Folder, "*.tmp").Should().BeEmpty();
    }

    [Test]
    public async Task Restore_cancelled_part_way_leaves_the_old_database_whole()
    {
        await using var runner = _database.Runner(Shop);
        await runner.MigrateUpAsync();
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);
        using var other = Open();
        SqliteContent.Fill(other, 2000, noteLength: 300);
        var file = Path.Combine(_database.Folder, "c.db");
        await provider.CreateBackup().BackupAsync(file, CheckpointLevel.Full);
        SqliteContent.Damage(other);
        var rowsBefore = SqliteContent.Hashes(other);
        using var cancel = new CancellationTokenSource();
        var steps = 0;
        var backup = new SqliteDatabaseBackup(provider, new MigrationHistoryOptions())
        {
            StepPages = 16,
            RestoreProgress = remaining =>
            {
                remaining.Should().BeGreaterThan(0);
                if (++steps == 5)
                {
                    cancel.Cancel();
                }
            },
        };

        var restore = async () => await backup.RestoreAsync(file, CheckpointLevel.Full, cancel.Token);

        await restore.Should().ThrowAsync<OperationCanceledException>();
        steps.Should().Be(5, "pages were copied before the cancellation");
        SqliteContent.Hashes(other).Should().Equal(rowsBefore);
        Scalar(other, "PRAGMA integrity_check").Should().Be("ok");
    }

    [Test]
    public async Task Server_version_is_the_sqlite_library_version()
    {
        await using var provider = new SqliteMigrationProvider(_database.ConnectionString);

        var version = await provider.CreateBackup().GetServerVersionAsync();

        version.Should().MatchRegex(@"^3\.\d+\.\d+$");
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_database.ConnectionString);
        connection.Open();
        return connection;
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
