using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MigrationKit.Hosting.Tests.Migrations.Shop;

namespace MigrationKit.Hosting.Tests.HealthChecks;

public sealed class SqliteHealthCheckTests : SqliteTest
{
    [Test]
    public async Task Current_schema_is_Healthy_with_its_version()
    {
        await using (var runner = Runner(Shop))
        {
            await runner.MigrateUpAsync();
        }

        var (host, _, _) = TestHost.Build(kit => Target(kit, Shop));
        using (host)
        {
            var health = await host.HealthAsync();

            health.Status.Should().Be(HealthStatus.Healthy);
            health.Description.Should().Contain("current at version 202612010930");
            health.Data["startup"].Should().Be("none");
            health.Data["pending"].Should().BeEquivalentTo(Array.Empty<long>());
        }
    }

    [Test]
    public async Task Pending_migrations_are_Degraded_before_the_startup_migration_runs_and_Unhealthy_when_nothing_applies_them()
    {
        var (withStartup, _, _) = TestHost.Build(kit => Target(kit, Shop).MigrateOnStartup());
        var (withoutStartup, _, _) = TestHost.Build(kit => Target(kit, Shop));
        using (withStartup)
        using (withoutStartup)
        {
            var before = await withStartup.HealthAsync();
            var orphan = await withoutStartup.HealthAsync();

            before.Status.Should().Be(HealthStatus.Degraded);
            before.Data["startup"].Should().Be("NotStarted");
            orphan.Status.Should().Be(HealthStatus.Unhealthy);
            orphan.Description.Should().Contain("behind the code: pending 202612010900, 202612010930");
        }
    }

    [Test]
    public async Task An_incomplete_migration_is_Unhealthy_and_named()
    {
        await using (var runner = Runner(PartlyApplied))
        {
            var migrate = () => runner.MigrateUpAsync();
            await migrate.Should().ThrowAsync<MigrationFailedException>();
        }

        var (host, _, _) = TestHost.Build(kit => Target(kit, PartlyApplied));
        using (host)
        {
            var health = await host.HealthAsync();

            health.Status.Should().Be(HealthStatus.Unhealthy);
            health.Description.Should().Contain("incomplete").And.Contain(": 2");
        }
    }

    [Test]
    public async Task An_applied_migration_missing_from_the_code_is_Unhealthy_unless_tolerated()
    {
        await using (var runner = Runner(Shop))
        {
            await runner.MigrateUpAsync();
        }

        var (strict, _, _) = TestHost.Build(kit => kit.UseSqlite(ConnectionString).AddMigrations(typeof(CreateCustomers)));
        var (tolerant, _, _) = TestHost.Build(kit => kit.UseSqlite(ConnectionString).AddMigrations(typeof(CreateCustomers)).Configure(o => o.IgnoreMissingMigrations = true));
        using (strict)
        using (tolerant)
        {
            var health = await strict.HealthAsync();

            health.Status.Should().Be(HealthStatus.Unhealthy);
            health.Description.Should().Contain("missing from the code: 202612010930");
            (await tolerant.HealthAsync()).Status.Should().Be(HealthStatus.Healthy);
        }
    }

    [Test]
    public async Task The_failure_status_and_a_named_target_are_honoured()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMigrationKit("tenants", kit => Target(kit, Shop));
        builder.Services.AddHealthChecks().AddMigrationKitHealthCheck("tenants", failureStatus: HealthStatus.Degraded, tags: ["ready"]);
        using var host = builder.Build();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));

        var entry = report.Entries.Should().ContainKey("migrationkit-tenants").WhoseValue;
        entry.Status.Should().Be(HealthStatus.Degraded);
        entry.Description.Should().Contain("'tenants'").And.Contain("pending");
    }

    [Test]
    public async Task A_database_that_cannot_be_opened_is_Unhealthy()
    {
        var (host, _, log) = TestHost.Build(kit => kit.UseSqlite("Data Source=/nonexistent-folder-for-migrationkit/app.db").AddMigrationsFrom(typeof(SqliteTest).Assembly, Shop));
        using (host)
        {
            var health = await host.HealthAsync();

            health.Status.Should().Be(HealthStatus.Unhealthy);
            health.Description.Should().Contain("could not be read");
            health.Exception.Should().NotBeNull();
            log.Count("HealthCheckStatusFailed").Should().Be(1);
        }
    }
}
