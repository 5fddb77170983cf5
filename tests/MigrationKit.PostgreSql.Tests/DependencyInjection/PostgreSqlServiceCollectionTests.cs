using Microsoft.Extensions.DependencyInjection;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.DependencyInjection;

public sealed class PostgreSqlServiceCollectionTests
{
    private const string Basic = "MigrationKit.PostgreSql.Tests.Running.Basic";

    private TestDatabase _database = null!;

    [SetUp]
    public async Task SetUpAsync() => _database = await PostgresServer.CreateDatabaseAsync();

    [TearDown]
    public async Task TearDownAsync() => await _database.DisposeAsync();

    [Test]
    public async Task UsePostgreSql_ConnectionString_MigratesWithOptions()
    {
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UsePostgreSql(_database.ConnectionString, o => o.Schema = "from_di").AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        await using (var provider = services.BuildServiceProvider())
        {
            (await provider.MigrateDatabaseAsync()).Steps.Should().HaveCount(2);
        }

        (await _database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'from_di'")).Should().Be(3);
    }

    [Test]
    public async Task UsePostgreSql_UnkeyedDataSourceInContainer_IsUsedAndNotDisposed()
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => NpgsqlDataSource.Create(_database.ConnectionString));
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
        services.AddKeyedSingleton("orders", (_, _) => NpgsqlDataSource.Create(_database.ConnectionString));
        services.AddMigrationKit("orders", kit => kit.UsePostgreSql().AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        services.AddMigrationKit("fallback", kit => kit.UsePostgreSql(o => o.Schema = "fallback").AddMigrationsFrom(typeof(PostgreSqlServiceCollectionTests).Assembly, Basic));
        await using var provider = services.BuildServiceProvider();

        await provider.MigrateDatabaseAsync("orders");
        await provider.MigrateDatabaseAsync("fallback");

        (await _database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'items'")).Should().Be(1, "the keyed data source serves the 'orders' target");
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

        var act = () => services.AddMigrationKit(kit => kit.UsePostgreSql(_database.ConnectionString, o => o.LockTimeout = TimeSpan.FromSeconds(-3)));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("LockTimeout");
    }
}
