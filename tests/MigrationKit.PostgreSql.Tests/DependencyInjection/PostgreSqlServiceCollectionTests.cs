using Microsoft.Extensions.DependencyInjection;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.DependencyInjection;

public sealed class PostgreSqlServiceCollectionTests : DatabaseTest
{
    private const string Basic = "MigrationKit.PostgreSql.Tests.Running.Basic";

    [Test]
    public async Task UsePostgreSql_ConnectionString_MigratesWithOptions()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UsePostgreSql(Database.ConnectionString, o => o.Schema = "from_di").AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        await using (var provider = services.BuildServiceProvider())
        {
            (await provider.MigrateDatabaseAsync()).Steps.Should().HaveCount(2);
        }

        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'from_di'")).Should().Be(5, "items, with the history, its digest, the journal and the runs");
    }

    [Test]
    public async Task UsePostgreSql_UnkeyedDataSourceInContainer_IsUsedAndNotDisposed()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => NpgsqlDataSource.Create(Database.ConnectionString));
        services.AddMigrationKit(kit => kit.UsePostgreSql().AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        await using var provider = services.BuildServiceProvider();

        await provider.MigrateDatabaseAsync();

        await using var command = provider.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM items");
        (await command.ExecuteScalarAsync()).Should().Be(0L, "the table exists and the application's data source still works");
    }

    [Test]
    public async Task UsePostgreSql_NamedTarget_PrefersDataSourceKeyedWithTheTargetName()
    {
        await using var other = await PostgresServer.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddSingleton(_ => NpgsqlDataSource.Create(other.ConnectionString));
        services.AddKeyedSingleton("orders", (_, _) => NpgsqlDataSource.Create(Database.ConnectionString));
        services.AddMigrationKit("orders", kit => kit.UsePostgreSql().AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        services.AddMigrationKit("fallback", kit => kit.UsePostgreSql(o => o.Schema = "fallback").AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        await using var provider = services.BuildServiceProvider();

        await provider.MigrateDatabaseAsync("orders");
        await provider.MigrateDatabaseAsync("fallback");

        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'items'")).Should().Be(1, "the keyed data source serves the 'orders' target");
        (await other.ColumnAsync("SELECT schemaname FROM pg_tables WHERE tablename = 'items'")).Should().Equal(["fallback"], "a target without a keyed data source falls back to the unkeyed one");
    }

    [Test]
    public async Task UsePostgreSql_NoDataSourceInContainer_ThrowsClearErrorOnResolve()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit("reports", kit => kit.UsePostgreSql().AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        await using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredKeyedService<IMigrationRunner>("reports");

        act.Should().Throw<InvalidOperationException>().WithMessage("*'reports'*no NpgsqlDataSource is registered*keyed 'reports'*");
    }

    [Test]
    public void UsePostgreSql_MalformedConnectionString_ThrowsAtRegistrationWithoutPassword()
    {
        var services = new ServiceCollection();

        var act = () => services.AddMigrationKit(kit => kit.UsePostgreSql("Host=localhost;Password=hunter2-secret;Port=abc"));

        act.Should().Throw<ArgumentException>().Where(e => !e.Message.Contains("hunter2-secret") && e.Message.Contains("not valid"));
    }

    [Test]
    public void UsePostgreSql_InvalidOption_ThrowsAtRegistration()
    {
        var services = new ServiceCollection();

        var act = () => services.AddMigrationKit(kit => kit.UsePostgreSql(Database.ConnectionString, o => o.LockTimeout = TimeSpan.FromSeconds(-3)));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("LockTimeout");
    }
}
