using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Specification;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.DependencyInjection;

public sealed class SqliteServiceCollectionTests
{
    [Test]
    public async Task MigrateDatabaseAsync_FromContainer_AppliesMigrations()
    {
        using var database = new TestDatabase();
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UseSqlite(database.ConnectionString).AddMigrationsFrom(typeof(SqliteServiceCollectionTests).Assembly, "MigrationKit.Sqlite.Tests.Running.Basic"));
        services.AddMigrationKit(kit => kit.UseSqlite("Data Source=ignored-second-provider.db"));
        await using var provider = services.BuildServiceProvider();

        var result = await provider.MigrateDatabaseAsync();

        result.Steps.Should().HaveCount(3);
        database.Scalar("SELECT COUNT(*) FROM __migrationkit_history").Should().Be(3);
        services.Count(d => d.ServiceType == typeof(IMigrationRunner)).Should().Be(1);
        File.Exists("ignored-second-provider.db").Should().BeFalse("the first provider registered for a target wins");
    }

    [Test]
    public async Task NamedTargets_TwoDatabases_AreMigratedIndependently()
    {
        using var settings = new TestDatabase();
        using var instances = new TestDatabase();
        var services = new ServiceCollection();
        var assembly = typeof(SqliteServiceCollectionTests).Assembly;
        services.AddMigrationKit("settings", kit => kit.UseSqlite(settings.ConnectionString).AddMigrationsFrom(assembly, "MigrationKit.Sqlite.Tests.Running.Basic"));
        services.AddMigrationKit("instances", kit => kit.UseSqlite(instances.ConnectionString).AddMigrationsFrom(typeof(ISpecificationTarget).Assembly, "MigrationKit.Specification.Migrations.AgentSystem"));
        await using var provider = services.BuildServiceProvider();

        await provider.MigrateDatabaseAsync("settings");
        await provider.MigrateDatabaseAsync("instances");

        settings.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'items'").Should().Be(1);
        settings.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'agents'").Should().Be(0);
        instances.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'agents'").Should().Be(1);
        provider.GetRequiredKeyedService<IMigrationRunner>("settings").Migrations.Should().HaveCount(3);
    }
}
