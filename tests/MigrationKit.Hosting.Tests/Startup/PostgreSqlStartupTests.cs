using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MigrationKit.Hosting.Tests.Migrations.Gated;
using MigrationKit.PostgreSql;
using Npgsql;

namespace MigrationKit.Hosting.Tests.Startup;

/// <summary>
/// Hosts on one PostgreSQL database. The second migration waits on an advisory lock the test holds (the gate), so a test
/// knows that a host is mid-migration when the server shows a session waiting for it; nothing here waits on a delay.
/// </summary>
public sealed class PostgreSqlStartupTests
{
    private const string Gated = "MigrationKit.Hosting.Tests.Migrations.Gated";
    private PostgresDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    [TearDown]
    public async Task DropDatabaseAsync() => await _database.DisposeAsync();

    [TestCase(MigrationStartupMode.Migrate, TestName = "Four hosts started at once: one migrates, three wait for its lock, all serve afterwards")]
    [TestCase(MigrationStartupMode.WaitForMigrations, TestName = "Four hosts started at once: one migrates, three WaitForMigrations, all serve afterwards")]
    public async Task Four_hosts_started_at_once(MigrationStartupMode othersMode)
    {
        await using var gate = await HoldGateAsync();
        var hosts = Enumerable.Range(0, 4)
            .Select(i => TestHost.Build(kit => kit.UsePostgreSql(_database.ConnectionString, WaitAtGateWithoutTimeouts)
                .AddMigrationsFrom(typeof(PostgreSqlStartupTests).Assembly, Gated)
                .MigrateOnStartup(i == 0 ? MigrationStartupMode.Migrate : othersMode, o => o.PollInterval = TimeSpan.FromMilliseconds(20))))
            .ToArray();
        try
        {
            var starts = hosts.Select(h => Task.Run(() => h.Host.StartAsync())).ToArray();

            // One host is at the gate, inside migration 2; the other three are waiting (for the runner's lock, or for the history).
            await TestHost.UntilAsync(async () => await WaitersAtGateAsync() == 1, "one host waits at the gate");
            var expectedPhase = othersMode == MigrationStartupMode.Migrate ? "Migrating" : "Waiting";
            await TestHost.UntilAsync(
                async () => (await Task.WhenAll(hosts.Skip(1).Select(h => h.Host.HealthAsync()))).All(e => Equals(e.Data["startup"], expectedPhase)),
                "the other hosts are " + expectedPhase);
            var midway = await Task.WhenAll(hosts.Select(h => h.Host.HealthAsync()));
            midway.Select(e => e.Status).Should().AllBeEquivalentTo(HealthStatus.Degraded);
            hosts.Should().OnlyContain(h => !h.Marker.Started, "nothing serves before the schema is current");
            starts.Should().OnlyContain(s => !s.IsCompleted);
            (await _database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%pg_advisory_xact_lock(4243, 1)%'"))
                .Should().Be(1, "exactly one host runs the gated migration");

            await gate.DisposeAsync();
            await Task.WhenAll(starts).WaitAsync(TimeSpan.FromMinutes(2));

            foreach (var (host, marker, _) in hosts)
            {
                (await marker.PendingWhenStarted).Should().Be(0);
                (await host.HealthAsync()).Status.Should().Be(HealthStatus.Healthy);
            }

            hosts.Sum(h => h.Log.Count("StartupMigrated")).Should().Be(1, "one host applied the migrations");
            var caughtUp = othersMode == MigrationStartupMode.Migrate ? "StartupUpToDate" : "WaitCompleted";
            hosts.Sum(h => h.Log.Count(caughtUp)).Should().Be(3);
            await using var runner = new MigrationRunnerBuilder().UsePostgreSql(_database.ConnectionString).AddMigrationsFrom(typeof(PostgreSqlStartupTests).Assembly, Gated).Build();
            (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
            (await runner.GetJournalAsync()).Where(j => j.Action == History.JournalAction.Up && j.Status == History.JournalStatus.Succeeded)
                .Select(j => j.Version).Should().Equal(1, 2);
        }
        finally
        {
            foreach (var (host, _, _) in hosts)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }
    }

    [Test]
    public async Task Cancelling_the_start_mid_migration_rolls_the_migration_back_and_fails_the_start()
    {
        await using var gate = await HoldGateAsync();
        var (host, marker, log) = TestHost.Build(kit => kit.UsePostgreSql(_database.ConnectionString, WaitAtGateWithoutTimeouts)
            .AddMigrationsFrom(typeof(PostgreSqlStartupTests).Assembly, Gated)
            .MigrateOnStartup());
        using (host)
        {
            using var cancel = new CancellationTokenSource();
            var start = Task.Run(() => host.StartAsync(cancel.Token));
            await TestHost.UntilAsync(async () => await WaitersAtGateAsync() == 1, "the host waits at the gate");

            await cancel.CancelAsync();

            var run = () => start.WaitAsync(TimeSpan.FromMinutes(2));
            await run.Should().ThrowAsync<OperationCanceledException>();
            marker.Started.Should().BeFalse();
            log.Count("StartupCancelled").Should().Be(1);
            var health = await host.HealthAsync();
            health.Status.Should().Be(HealthStatus.Unhealthy);
        }

        (await _database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'orders'")).Should().Be(0);
        await using var runner = new MigrationRunnerBuilder().UsePostgreSql(_database.ConnectionString).AddMigrationsFrom(typeof(PostgreSqlStartupTests).Assembly, Gated).Build();
        (await runner.GetStatusAsync()).Pending.Select(p => p.Version).Should().Equal(2);
    }

    /// <summary>The gate is held as long as the test needs, however slow the machine: no lock timeout may end the wait.</summary>
    internal static void WaitAtGateWithoutTimeouts(PostgreSqlMigrationOptions options)
    {
        options.LockTimeout = Timeout.InfiniteTimeSpan;
        options.LockWaitTimeout = TimeSpan.FromMinutes(10);
    }

    private async Task<NpgsqlConnection> HoldGateAsync()
    {
        var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Gate.ClassId}, {Gate.ObjectId})", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private Task<long> WaitersAtGateAsync() => _database.ScalarAsync<long>(
        $"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND classid = {Gate.ClassId} AND objid = {Gate.ObjectId} AND objsubid = 2 AND NOT granted");
}
