using System.Globalization;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using MigrationKit.Checkpoints;
using MigrationKit.SafetyRunner.Launching;
using MigrationKit.SafetyRunner.Protocol;
using MigrationKit.Sqlite.Tests.Checkpoints;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Safety;

/// <summary>
/// A restore killed with kill -9 part way, in a separate process: the database afterwards is the old one, whole, in
/// every trial. <c>MIGRATIONKIT_RESTORE_KILL_TRIALS</c> sets how many trials (default and minimum 10).
/// </summary>
public sealed class SqliteRestoreKillTests
{
    private const string Shop = "MigrationKit.Sqlite.Tests.Checkpoints.Shop";
    private const int StepPages = 64;

    private static int Trials => Math.Max(10, int.TryParse(Environment.GetEnvironmentVariable("MIGRATIONKIT_RESTORE_KILL_TRIALS"), out var n) ? n : 10);

    [TestCase("delete")]
    [TestCase("wal")]
    public async Task Restore_killed_part_way_leaves_the_old_database_whole(string journalMode)
    {
        using var database = new TestDatabase();
        database.Execute($"PRAGMA journal_mode = {journalMode}");
        await using (var runner = database.Runner(Shop))
        {
            await runner.MigrateUpAsync();
        }

        await using var provider = new SqliteMigrationProvider(database.ConnectionString);
        var checkpoint = Path.Combine(database.Folder, "checkpoint.db");
        Dictionary<string, string> restored;
        Dictionary<string, string> old;
        using (var connection = new SqliteConnection(database.ConnectionString))
        {
            connection.Open();
            SqliteContent.Fill(connection, 12_000, noteLength: 600);
            restored = SqliteContent.Hashes(connection);
            await provider.CreateBackup().BackupAsync(checkpoint, CheckpointLevel.Full);
            SqliteContent.Damage(connection);
            SqliteContent.Execute(connection, "UPDATE orders SET note = 'old ' || id");
            old = SqliteContent.Hashes(connection);
            if (journalMode == "wal")
            {
                SqliteContent.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }

        SqliteConnection.ClearAllPools();
        var pristine = Path.Combine(database.Folder, "old.db");
        File.Copy(database.FilePath, pristine);
        var size = new FileInfo(checkpoint).Length;
        size.Should().BeGreaterThan(20L << 20, "the checkpoint must be large enough for a kill to land part way");

        // Each kill lands after a random number of backup steps (seeded, printed); the restoring process waits at a
        // gate in its progress callback, inside the restore's write transaction, until the kill.
        var steps = (int)(size / (4096L * StepPages));
        const int Seed = 7;
        var random = new Random(Seed);
        for (var trial = 0; trial < Trials; trial++)
        {
            var target = Path.Combine(database.Folder, $"trial{trial}.db");
            File.Copy(pristine, target);
            var connectionString = $"Data Source={target}";
            var killAfter = random.Next(1, steps - 1);
            await using (var process = await RunnerProcess.StartAsync(typeof(SqliteRestoreKillTests).Assembly))
            {
                await process.SendRestoreAsync(new RestoreCommand("sqlite", connectionString, checkpoint, nameof(CheckpointLevel.Full)) { StepPages = StepPages, GateAtProgress = killAfter });
                await process.WaitAtGateAsync(TimeSpan.FromSeconds(120));
                await process.KillAsync();
                process.Lines.Count(l => l.StartsWith("progress ", StringComparison.Ordinal)).Should().Be(killAfter, $"trial {trial}: the restore stopped at its gate; errors: {process.Errors}");
            }

            using (var check = new SqliteConnection(connectionString + ";Pooling=False"))
            {
                check.Open();
                using (var command = check.CreateCommand())
                {
                    command.CommandText = "PRAGMA integrity_check";
                    command.ExecuteScalar().Should().Be("ok", $"trial {trial}");
                }

                SqliteContent.Hashes(check).Should().Equal(old, $"trial {trial} (seed {Seed}): a restore killed after {killAfter} of about {steps} steps leaves the old database, whole");
            }

            File.Delete(target);
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {trial}: killed after {killAfter} of about {steps} steps; the old database is whole"));
        }

        // The control: the same restore, not killed, gives the checkpoint's content.
        var control = Path.Combine(database.Folder, "control.db");
        File.Copy(pristine, control);
        await using (var process = await RunnerProcess.StartAsync(typeof(SqliteRestoreKillTests).Assembly))
        {
            await process.SendRestoreAsync(new RestoreCommand("sqlite", $"Data Source={control}", checkpoint, nameof(CheckpointLevel.Full)) { StepPages = StepPages });
            var outcome = await process.ReadOutcomeAsync(TimeSpan.FromSeconds(120));
            outcome.Ok.Should().BeTrue(outcome.Error);
        }

        SqliteContent.Hashes($"Data Source={control};Pooling=False").Should().Equal(restored);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{journalMode}: {Trials} kills mid-restore left the old database whole; checkpoint {size >> 20} MB"));
    }
}
