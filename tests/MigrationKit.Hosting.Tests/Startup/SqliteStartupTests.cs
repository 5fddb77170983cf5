using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MigrationKit.Hosting.Tests.Startup;

public sealed class SqliteStartupTests : SqliteTest
{
    [Test]
    public async Task Migrate_applies_every_migration_before_the_other_hosted_services_start()
    {
        var (host, marker, log) = TestHost.Build(kit => Target(kit, Shop).MigrateOnStartup());
        using (host)
        {
            await host.StartAsync();

            (await marker.PendingWhenStarted).Should().Be(0, "the application's services start only once the schema is current");
            log.Count("StartupMigrated").Should().Be(1);
            log.Entries.Should().Contain(e => e.Id.Id == 7001 && e.Message.Contains("2 migration(s) applied", StringComparison.Ordinal));
            var health = await host.HealthAsync();
            health.Status.Should().Be(HealthStatus.Healthy);
            health.Data["version"].Should().Be(2026_12_01_0930L);
            await host.StopAsync();
        }

        await using var runner = Runner(Shop);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(2026_12_01_0900, 2026_12_01_0930);
    }

    [Test]
    public async Task Migrate_with_nothing_pending_starts_and_says_so()
    {
        await using (var runner = Runner(Shop))
        {
            await runner.MigrateUpAsync();
        }

        var (host, marker, log) = TestHost.Build(kit => Target(kit, Shop).MigrateOnStartup(MigrationStartupMode.Migrate));
        using (host)
        {
            await host.StartAsync();

            marker.Started.Should().BeTrue();
            log.Count("StartupUpToDate").Should().Be(1);
            log.Count("StartupMigrated").Should().Be(0);
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Migrate_failure_fails_the_host_start_and_nothing_serves()
    {
        var (host, marker, log) = TestHost.Build(kit => Target(kit, Broken).MigrateOnStartup());
        using (host)
        {
            var start = () => host.StartAsync();

            (await start.Should().ThrowAsync<MigrationFailedException>()).Which.Version.Should().Be(2);
            marker.Started.Should().BeFalse();
            log.Entries.Should().ContainSingle(e => e.Id.Name == "StartupMigrationFailed").Which.Exception.Should().BeOfType<MigrationFailedException>();
            var health = await host.HealthAsync();
            health.Status.Should().Be(HealthStatus.Unhealthy);
            health.Description.Should().Contain("startup migration failed");
            health.Exception.Should().BeOfType<MigrationFailedException>();
        }

        await using var runner = Runner(Broken);
        (await runner.GetStatusAsync()).Pending.Select(p => p.Version).Should().Equal(2);
    }

    [Test]
    public async Task Migrate_refuses_at_startup_a_plan_above_the_allowed_risk_and_changes_nothing()
    {
        await using (var first = Runner(Risky))
        {
            await first.MigrateUpAsync(2026_12_02_0900);
        }

        var (host, marker, _) = TestHost.Build(kit => Target(kit, Risky).Configure(o => o.Risk.RequireApprovalAbove = Risk.RiskLevel.Medium).MigrateOnStartup());
        using (host)
        {
            var start = () => host.StartAsync();

            var refused = (await start.Should().ThrowAsync<Risk.RiskApprovalRequiredException>()).Which;
            refused.Message.Should().Contain("MK112");
            marker.Started.Should().BeFalse("nothing serves on a schema the gate refused to change");
            (await host.HealthAsync()).Status.Should().Be(HealthStatus.Unhealthy);
        }

        await using var runner = Runner(Risky);
        (await runner.GetStatusAsync()).Pending.Select(p => p.Version).Should().Equal(2026_12_02_0930);
    }

    [Test]
    public async Task WaitForMigrations_never_changes_the_schema_and_starts_once_another_runner_has_migrated()
    {
        var (host, marker, log) = TestHost.Build(kit => Target(kit, Shop).MigrateOnStartup(MigrationStartupMode.WaitForMigrations, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(20);
            o.WaitTimeout = TimeSpan.FromMinutes(2);
        }));
        using (host)
        {
            var start = host.StartAsync();
            await TestHost.UntilAsync(async () => (await host.HealthAsync()).Data["startup"] is "Waiting" && log.Count("WaitingForMigrations") == 1, "the host waits");

            var waiting = await host.HealthAsync();
            waiting.Status.Should().Be(HealthStatus.Degraded);
            marker.Started.Should().BeFalse();
            start.IsCompleted.Should().BeFalse();
            log.Entries.Should().Contain(e => e.Id.Name == "WaitingForMigrations" && e.Message.Contains("202612010900, 202612010930", StringComparison.Ordinal));
            await using (var runner = Runner(Shop))
            {
                (await runner.GetStatusAsync()).Pending.Should().HaveCount(2, "a waiting host does not migrate");
                await runner.MigrateUpAsync();
            }

            await start.WaitAsync(TimeSpan.FromMinutes(2));

            (await marker.PendingWhenStarted).Should().Be(0);
            log.Count("WaitCompleted").Should().Be(1);
            log.Count("StartupMigrating").Should().Be(0);
            (await host.HealthAsync()).Status.Should().Be(HealthStatus.Healthy);
            await host.StopAsync();
        }
    }

    [Test]
    public async Task WaitForMigrations_times_out_with_an_error_naming_the_pending_versions()
    {
        var (host, marker, _) = TestHost.Build(kit => Target(kit, Shop).MigrateOnStartup(MigrationStartupMode.WaitForMigrations, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(20);
            o.WaitTimeout = TimeSpan.FromMilliseconds(300);
        }));
        using (host)
        {
            var start = () => host.StartAsync();

            var error = (await start.Should().ThrowAsync<MigrationWaitTimeoutException>()).Which;
            error.PendingVersions.Should().Equal(2026_12_01_0900, 2026_12_01_0930);
            error.Target.Should().BeNull();
            error.Timeout.Should().Be(TimeSpan.FromMilliseconds(300));
            error.Message.Should().Contain("'default'").And.Contain("202612010900, 202612010930").And.Contain("WaitTimeout");
            marker.Started.Should().BeFalse();
            var health = await host.HealthAsync();
            health.Status.Should().Be(HealthStatus.Unhealthy);
            health.Exception.Should().BeSameAs(error);
        }
    }

    [Test]
    public async Task WaitForMigrations_keeps_waiting_while_the_database_cannot_be_reached_and_says_so_when_it_gives_up()
    {
        var (host, marker, log) = TestHost.Build(kit => kit.UseSqlite("Data Source=/nonexistent-folder-for-migrationkit/app.db;Mode=ReadWrite")
            .AddMigrationsFrom(typeof(SqliteTest).Assembly, Shop)
            .MigrateOnStartup(MigrationStartupMode.WaitForMigrations, o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(20);
                o.WaitTimeout = TimeSpan.FromMilliseconds(300);
            }));
        using (host)
        {
            var start = () => host.StartAsync();

            var error = (await start.Should().ThrowAsync<MigrationWaitTimeoutException>()).Which;
            error.InnerException.Should().BeOfType<MigrationConnectionException>();
            error.PendingVersions.Should().BeEmpty();
            error.Message.Should().Contain("could not be reached");
            log.Count("WaitDatabaseUnreachable").Should().BeGreaterThan(1, "the host tried again after the first failure");
            marker.Started.Should().BeFalse();
        }
    }

    [Test]
    public async Task WaitForMigrations_fails_at_once_on_an_incomplete_migration()
    {
        await using (var runner = Runner(PartlyApplied))
        {
            var migrate = () => runner.MigrateUpAsync();
            await migrate.Should().ThrowAsync<MigrationFailedException>();
        }

        var (host, marker, _) = TestHost.Build(kit => Target(kit, PartlyApplied).MigrateOnStartup(MigrationStartupMode.WaitForMigrations, o => o.WaitTimeout = TimeSpan.FromMinutes(2)));
        using (host)
        {
            var start = () => host.StartAsync();

            (await start.Should().ThrowAsync<IncompleteMigrationException>()).Which.Versions.Should().Equal(2);
            marker.Started.Should().BeFalse();
        }
    }

    [Test]
    public async Task RunAndExit_migrates_sets_exit_code_0_and_stops_the_host_by_itself()
    {
        Environment.ExitCode = 42;
        var (host, _, log) = TestHost.Build(kit => Target(kit, Shop).MigrateOnStartup(MigrationStartupMode.RunAndExit));
        using (host)
        {
            await host.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }

        Environment.ExitCode.Should().Be(0);
        log.Count("RunAndExitSucceeded").Should().Be(1);
        await using var runner = Runner(Shop);
        (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue();
    }

    [Test]
    public async Task RunAndExit_failure_sets_the_failure_exit_code_and_stops_the_host()
    {
        var (host, _, log) = TestHost.Build(kit => Target(kit, Broken).MigrateOnStartup(MigrationStartupMode.RunAndExit, o => o.FailureExitCode = 3));
        using (host)
        {
            await host.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }

        Environment.ExitCode.Should().Be(3);
        var failed = log.Entries.Should().ContainSingle(e => e.Id.Name == "RunAndExitFailed").Which;
        failed.Exception.Should().BeOfType<MigrationFailedException>();
        failed.Message.Should().Contain("exit code 3");
        await using var runner = Runner(Broken);
        (await runner.GetStatusAsync()).Pending.Select(p => p.Version).Should().Equal(2);
    }

    [Test]
    public void Options_reject_values_that_cannot_work()
    {
        var options = new MigrationStartupOptions();

        options.Invoking(o => o.WaitTimeout = TimeSpan.Zero).Should().Throw<ArgumentOutOfRangeException>();
        options.Invoking(o => o.PollInterval = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>();
        options.Invoking(o => o.FailureExitCode = 0).Should().Throw<ArgumentOutOfRangeException>();
        options.Invoking(o => o.FailureExitCode = 256).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public async Task MigrateOnStartup_twice_for_one_target_registers_one_startup_service_with_the_last_mode()
    {
        var (host, _, log) = TestHost.Build(kit => Target(kit, Shop)
            .MigrateOnStartup(MigrationStartupMode.WaitForMigrations)
            .MigrateOnStartup(MigrationStartupMode.Migrate));
        using (host)
        {
            host.Services.GetServices<IHostedService>().OfType<IHostedLifecycleService>().Should().HaveCount(1);
            await host.StartAsync();
            log.Count("StartupMigrated").Should().Be(1);
            log.Count("WaitingForMigrations").Should().Be(0);
            await host.StopAsync();
        }
    }
}
