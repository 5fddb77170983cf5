using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MigrationKit.Hosting.Tests.HealthChecks;

public sealed class DriftHealthCheckTests : SqliteTest
{
    [Test]
    public async Task A_schema_made_only_by_its_migrations_is_Healthy_and_a_hand_change_is_Unhealthy_and_named()
    {
        await using (var runner = Runner(Shop))
        {
            await runner.MigrateUpAsync();
        }

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddMigrationKit(kit => Target(kit, Shop));
        builder.Services.AddHealthChecks().AddMigrationKitDriftCheck(tags: ["diagnostic"]);
        using var host = builder.Build();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var clean = (await health.CheckHealthAsync()).Entries["migrationkit-drift"];
        clean.Status.Should().Be(HealthStatus.Healthy, clean.Description);
        clean.Description.Should().Contain("up to version 202612010930");

        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE customers ADD COLUMN nickname TEXT";
            await command.ExecuteNonQueryAsync();
        }

        var drifted = (await health.CheckHealthAsync()).Entries["migrationkit-drift"];
        drifted.Status.Should().Be(HealthStatus.Unhealthy);
        drifted.Description.Should().Contain("table customers: column nickname is unexpected");
        drifted.Data["differences"].Should().BeEquivalentTo(new[] { "table customers: column nickname is unexpected" });
        drifted.Tags.Should().Contain("diagnostic");
    }
}
