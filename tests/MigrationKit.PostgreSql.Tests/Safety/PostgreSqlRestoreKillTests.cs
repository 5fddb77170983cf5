using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using MigrationKit.Checkpoints;
using MigrationKit.PostgreSql.Tests.Checkpoints;
using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.SafetyRunner.Launching;
using MigrationKit.SafetyRunner.Protocol;

namespace MigrationKit.PostgreSql.Tests.Safety;

/// <summary>
/// A restore killed with kill -9 part way, in a separate process (its pg_restore and psql children are left running
/// as orphans, as they would be): the database afterwards is the old one, whole, in every trial.
/// <c>MIGRATIONKIT_RESTORE_KILL_TRIALS</c> sets how many trials (default and minimum 10).
/// </summary>
public sealed class PostgreSqlRestoreKillTests : DatabaseTest
{
    private const string Shop = "MigrationKit.PostgreSql.Tests.Checkpoints.Shop";

    private static int Trials => Math.Max(10, int.TryParse(Environment.GetEnvironmentVariable("MIGRATIONKIT_RESTORE_KILL_TRIALS"), out var n) ? n : 10);

    [Test]
    public async Task Restore_killed_part_way_leaves_the_old_database_whole()
    {
        var folder = Path.Combine(Path.GetTempPath(), "migrationkit-pg-kill", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await RunTrialsAsync(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task RunTrialsAsync(string folder)
    {
        await using (var runner = Database.Runner(Shop))
        {
            await runner.MigrateUpAsync();
        }

        await PostgreSqlContent.FillAsync(Database.DataSource, "public", 25_000, noteLength: 200);
        var checkpoint = Path.Combine(folder, "checkpoint.dump");
        await using (var provider = Database.Provider())
        {
            await provider.CreateBackup().BackupAsync(checkpoint, CheckpointLevel.Full);
        }

        var restored = await PostgreSqlContent.HashesAsync(Database.DataSource);
        var size = await Database.ScalarAsync<long>("SELECT pg_database_size(current_database())");
        size.Should().BeGreaterThan(20L << 20, "the database must be large enough for a kill to land part way");
        await DamageAsync();

        // The control: the same restore, not killed, gives the checkpoint's content; the SQL it wrote to psql places
        // the kills.
        TimeSpan duration;
        int chunks;
        await using (var process = await RunnerProcess.StartAsync(typeof(PostgreSqlRestoreKillTests).Assembly))
        {
            await process.SendRestoreAsync(new RestoreCommand("postgresql", Database.ConnectionString, checkpoint, nameof(CheckpointLevel.Full)));
            var started = Stopwatch.GetTimestamp();
            var outcome = await process.ReadOutcomeAsync(TimeSpan.FromMinutes(2));
            duration = Stopwatch.GetElapsedTime(started);
            outcome.Ok.Should().BeTrue(outcome.Error);
            // Each report follows one read of at most 64 KiB from pg_restore, so every restore makes at least this many.
            var bytes = long.Parse(process.Lines.Last(l => l.StartsWith("progress ", StringComparison.Ordinal))["progress ".Length..], CultureInfo.InvariantCulture);
            chunks = (int)(bytes / (64 * 1024));
        }

        chunks.Should().BeGreaterThan(10, "the dump's SQL reaches psql in many chunks");
        (await PostgreSqlContent.HashesAsync(Database.DataSource)).Should().Equal(restored);
        await DamageAsync();
        var old = await PostgreSqlContent.HashesAsync(Database.DataSource);
        old.Should().NotEqual(restored);

        // Each kill lands after a random number of chunks (seeded, printed): the restoring process waits at a gate in
        // its copy loop, with part of the dump executed by psql inside the restore's transaction, until the kill.
        const int Seed = 11;
        var random = new Random(Seed);
        for (var trial = 0; trial < Trials; trial++)
        {
            var killAfter = random.Next(1, chunks + 1);
            await using (var process = await RunnerProcess.StartAsync(typeof(PostgreSqlRestoreKillTests).Assembly))
            {
                await process.SendRestoreAsync(new RestoreCommand("postgresql", Database.ConnectionString, checkpoint, nameof(CheckpointLevel.Full)) { GateAtProgress = killAfter });
                await process.WaitAtGateAsync(TimeSpan.FromMinutes(2));
                await process.KillAsync();
                process.Lines.Should().Contain("restoring");
                process.Lines.Should().NotContain(l => l.StartsWith("result ", StringComparison.Ordinal), $"trial {trial}: the restore was stopped at its gate");
            }

            // The orphaned psql reads the end of its input without a COMMIT and disconnects; wait until it is gone, so
            // that nothing could still commit afterwards.
            await WaitForToolSessionsToEndAsync();
            (await PostgreSqlContent.HashesAsync(Database.DataSource)).Should().Equal(old, $"trial {trial} (seed {Seed}): a restore killed after {killAfter} of {chunks} chunks leaves the old database, whole");
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {trial}: killed after {killAfter} of {chunks} chunks; the old database is whole"));
        }

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Trials} kills mid-restore left the old database whole; database {size >> 20} MB, dump {new FileInfo(checkpoint).Length >> 20} MB, restore {duration.TotalMilliseconds:0} ms in {chunks} chunks"));
    }

    private async Task DamageAsync()
    {
        await PostgreSqlContent.DamageAsync(Database.DataSource, "public");
        await Database.ExecuteAsync("UPDATE orders SET note = 'old ' || id");
    }

    private async Task WaitForToolSessionsToEndAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await Database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{Database.Name}' AND application_name = 'MigrationKit checkpoint'") > 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the orphaned tools' session ends once its input ends");
            await Task.Delay(20);
        }
    }
}
