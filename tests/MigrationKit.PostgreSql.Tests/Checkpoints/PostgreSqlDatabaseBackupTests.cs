using FluentAssertions;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.PostgreSql.Checkpoints;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Checkpoints;

/// <summary>The PostgreSQL provider's checkpoints against the suite's server: pg_dump, verify, restore in one transaction.</summary>
public sealed class PostgreSqlDatabaseBackupTests : DatabaseTest
{
    private const string Shop = "MigrationKit.PostgreSql.Tests.Checkpoints.Shop";

    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "migrationkit-pg-checkpoints", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestCase(null)]
    [TestCase("app")]
    public async Task Full_checkpoint_then_damage_then_restore_gives_back_the_same_schema_and_rows(string? schema)
    {
        var managed = schema ?? "public";
        await using var runner = Database.Runner(Shop, o => o.Schema = schema);
        await runner.MigrateUpAsync();
        await PostgreSqlContent.FillAsync(Database.DataSource, managed, 500);
        await using var provider = Database.Provider(o => o.Schema = schema);
        var backup = provider.CreateBackup();
        var schemaBefore = await runner.ReadSchemaAsync();
        var rowsBefore = await PostgreSqlContent.HashesAsync(Database.DataSource, managed);
        var file = Path.Combine(_folder, "full" + backup.FileExtension);

        await backup.BackupAsync(file, CheckpointLevel.Full);
        await backup.VerifyAsync(file);
        await PostgreSqlContent.DamageAsync(Database.DataSource, managed);
        (await PostgreSqlContent.HashesAsync(Database.DataSource, managed)).Should().NotEqual(rowsBefore);
        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().NotBeEmpty();

        await backup.RestoreAsync(file, CheckpointLevel.Full);

        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().BeEmpty();
        var rowsAfter = await PostgreSqlContent.HashesAsync(Database.DataSource, managed);
        rowsAfter.Should().Equal(rowsBefore);
        rowsAfter.Should().NotContainKey("intruder", "a table created after the checkpoint is gone");
        (await runner.GetStatusAsync()).CurrentVersion.Should().Be(2);
        (await Database.ScalarAsync<bool>($"SELECT has_schema_privilege('public', '{managed}', 'USAGE')")).Should().Be(managed == "public", "the privileges on the schema are as before");
    }

    [Test]
    public async Task Schema_checkpoint_keeps_the_schema_and_the_history_rows_without_user_rows()
    {
        await using var runner = Database.Runner(Shop);
        await runner.MigrateUpAsync();
        await PostgreSqlContent.FillAsync(Database.DataSource, "public", 100);
        await Database.ExecuteAsync("DELETE FROM orders WHERE id = 1");
        (await PostgreSqlContent.CountAsync(Database.DataSource, "audit")).Should().Be(1);
        await using var provider = Database.Provider();
        var backup = provider.CreateBackup();
        var schemaBefore = await runner.ReadSchemaAsync();
        var rowsBefore = await PostgreSqlContent.HashesAsync(Database.DataSource);
        var file = Path.Combine(_folder, "schema.dump");

        await backup.BackupAsync(file, CheckpointLevel.Schema);
        await backup.VerifyAsync(file);
        await PostgreSqlContent.DamageAsync(Database.DataSource, "public");
        await backup.RestoreAsync(file, CheckpointLevel.Schema);

        schemaBefore.CompareTo(await runner.ReadSchemaAsync()).Should().BeEmpty();
        var rowsAfter = await PostgreSqlContent.HashesAsync(Database.DataSource);
        foreach (var table in new[] { "customers", "orders", "audit", "settings" })
        {
            rowsAfter[table].Should().StartWith("0:", $"the schema level keeps no rows of {table}");
        }

        rowsAfter["__migrationkit_history"].Should().Be(rowsBefore["__migrationkit_history"]);
        rowsAfter["__migrationkit_journal"].Should().Be(rowsBefore["__migrationkit_journal"]);
        rowsAfter["__migrationkit_runs"].Should().Be(rowsBefore["__migrationkit_runs"]).And.NotStartWith("0:", "the run records are bookkeeping, kept like the journal");
        (await runner.GetStatusAsync()).CurrentVersion.Should().Be(2, "the history came back with the schema");
    }

    [Test]
    public async Task Schema_checkpoint_keeps_the_rows_of_history_tables_with_custom_names()
    {
        await using var runner = Database.Runner(Shop, options: o =>
        {
            o.History.HistoryTable = new("app_history");
            o.History.JournalTable = new("app_journal");
        });
        await runner.MigrateUpAsync();
        await PostgreSqlContent.FillAsync(Database.DataSource, "public", 10);
        await using var provider = Database.Provider();
        var backup = provider.CreateBackup(new MigrationHistoryOptions { HistoryTable = new("app_history"), JournalTable = new("app_journal") });
        var file = Path.Combine(_folder, "schema.dump");

        await backup.BackupAsync(file, CheckpointLevel.Schema);
        await Database.ExecuteAsync("DELETE FROM app_history; DELETE FROM app_journal");
        await backup.RestoreAsync(file, CheckpointLevel.Schema);

        (await PostgreSqlContent.CountAsync(Database.DataSource, "app_history")).Should().Be(2);
        (await PostgreSqlContent.CountAsync(Database.DataSource, "app_journal")).Should().BeGreaterThan(0);
        (await PostgreSqlContent.CountAsync(Database.DataSource, "customers")).Should().Be(0);
    }

    [TestCase("truncated")]
    [TestCase("garbage")]
    [TestCase("missing")]
    [TestCase("empty")]
    public async Task Damaged_checkpoint_is_refused_and_the_database_is_left_as_it_was(string damage)
    {
        await using var runner = Database.Runner(Shop);
        await runner.MigrateUpAsync();
        await PostgreSqlContent.FillAsync(Database.DataSource, "public", 2000, noteLength: 200);
        await using var provider = Database.Provider();
        var backup = provider.CreateBackup();
        var file = Path.Combine(_folder, "c.dump");
        await backup.BackupAsync(file, CheckpointLevel.Full);
        await PostgreSqlContent.DamageAsync(Database.DataSource, "public");
        var rowsBefore = await PostgreSqlContent.HashesAsync(Database.DataSource);
        var bytes = await File.ReadAllBytesAsync(file);
        switch (damage)
        {
            case "truncated":
                await File.WriteAllBytesAsync(file, bytes[..(bytes.Length * 2 / 3)]);
                break;
            case "garbage":
                await File.WriteAllBytesAsync(file, System.Text.Encoding.UTF8.GetBytes(new string('x', 8192)));
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
        (await PostgreSqlContent.HashesAsync(Database.DataSource)).Should().Equal(rowsBefore);
    }

    [Test]
    public async Task Restore_waiting_for_a_lock_another_session_holds_fails_and_leaves_the_database_as_it_was()
    {
        await using var runner = Database.Runner(Shop);
        await runner.MigrateUpAsync();
        await PostgreSqlContent.FillAsync(Database.DataSource, "public", 50);
        await using var provider = Database.Provider(o => o.LockWaitTimeout = TimeSpan.FromMilliseconds(300));
        var backup = provider.CreateBackup();
        var file = Path.Combine(_folder, "c.dump");
        await backup.BackupAsync(file, CheckpointLevel.Full);
        await PostgreSqlContent.DamageAsync(Database.DataSource, "public");
        var rowsBefore = await PostgreSqlContent.HashesAsync(Database.DataSource);
        await using var holder = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand("SELECT count(*) FROM customers", holder, transaction))
        {
            await read.ExecuteScalarAsync();
        }

        var restore = async () => await backup.RestoreAsync(file, CheckpointLevel.Full);

        (await restore.Should().ThrowAsync<CheckpointException>()).Which.Message.Should().Contain("lock timeout").And.Contain("is as it was");
        await transaction.RollbackAsync();
        (await PostgreSqlContent.HashesAsync(Database.DataSource)).Should().Equal(rowsBefore);
    }

    [Test]
    public async Task Cancelled_restore_kills_the_tools_and_leaves_the_database_as_it_was()
    {
        await using var runner = Database.Runner(Shop);
        await runner.MigrateUpAsync();
        await PostgreSqlContent.FillAsync(Database.DataSource, "public", 10_000, noteLength: 300);
        await using var provider = Database.Provider();
        var backup = provider.CreateBackup();
        var file = Path.Combine(_folder, "c.dump");
        await backup.BackupAsync(file, CheckpointLevel.Full);
        await PostgreSqlContent.DamageAsync(Database.DataSource, "public");
        var rowsBefore = await PostgreSqlContent.HashesAsync(Database.DataSource);
        using var cancel = new CancellationTokenSource();

        // Cancelled part way, once the first chunk of the dump's SQL has reached psql (never a timer that may fire
        // before the restore starts or after it ends).
        var gated = new PostgreSqlDatabaseBackup(provider, new MigrationHistoryOptions()) { RestoreProgress = _ => cancel.Cancel() };
        var restore = async () => await gated.RestoreAsync(file, CheckpointLevel.Full, cancel.Token);

        await restore.Should().ThrowAsync<OperationCanceledException>();
        await WaitForOtherSessionsToEndAsync();
        (await PostgreSqlContent.HashesAsync(Database.DataSource)).Should().Equal(rowsBefore);
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Checkpoint_file_is_readable_by_its_owner_only()
    {
        await using var runner = Database.Runner(Shop);
        await runner.MigrateUpAsync();
        await using var provider = Database.Provider();
        var file = Path.Combine(_folder, "c.dump");

        await provider.CreateBackup().BackupAsync(file, CheckpointLevel.Full);

        File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new FileInfo(file).Length.Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Backup_refuses_an_existing_file_and_leaves_it_alone()
    {
        await using var provider = Database.Provider();
        var file = Path.Combine(_folder, "taken.dump");
        await File.WriteAllTextAsync(file, "keep me");

        var act = async () => await provider.CreateBackup().BackupAsync(file, CheckpointLevel.Full);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(file).And.Contain("exists already");
        (await File.ReadAllTextAsync(file)).Should().Be("keep me");
    }

    [Test]
    public async Task Server_version_is_the_servers_version()
    {
        await using var provider = Database.Provider();

        var version = await provider.CreateBackup().GetServerVersionAsync();

        version.Should().Be(await Database.ScalarAsync<string>("SELECT split_part(current_setting('server_version'), ' ', 1)"));
    }

    private async Task WaitForOtherSessionsToEndAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{Database.Name}' AND pid <> pg_backend_pid() AND application_name = 'MigrationKit checkpoint'") > 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the killed tools' sessions end");
            await Task.Delay(50);
        }
    }
}
