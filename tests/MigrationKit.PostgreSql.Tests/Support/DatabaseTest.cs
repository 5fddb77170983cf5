namespace MigrationKit.PostgreSql.Tests.Support;

/// <summary>A fixture whose every test gets a fresh database on the test server, dropped afterwards.</summary>
public abstract class DatabaseTest
{
    private protected TestDatabase Database { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabaseAsync() => Database = await PostgresServer.CreateDatabaseAsync();

    [TearDown]
    public async Task DropDatabaseAsync() => await Database.DisposeAsync();
}
