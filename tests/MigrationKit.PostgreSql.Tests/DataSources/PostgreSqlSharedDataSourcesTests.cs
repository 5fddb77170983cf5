using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.DataSources;

/// <summary>
/// Runners built from the same connection string share one data source (one pool of physical connections) within the
/// process; disposing one runner leaves the others working; a connection string that fails to connect is not kept;
/// clearing closes the idle connections so that the database can be dropped.
/// </summary>
public sealed class PostgreSqlSharedDataSourcesTests : DatabaseTest
{
    private const string Basic = "MigrationKit.PostgreSql.Tests.Running.Basic";

    private string _applicationName = null!;
    private string _connectionString = null!;

    [SetUp]
    public void NameTheConnections()
    {
        // A name of its own, so that pg_stat_activity shows only the backends of this test's runners.
        _applicationName = "mk-shared-" + Guid.NewGuid().ToString("N")[..12];
        _connectionString = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { ApplicationName = _applicationName }.ConnectionString;
    }

    [TearDown]
    public void ForgetTheDataSources() => PostgreSqlSharedDataSources.Clear(_connectionString);

    [Test]
    public async Task TwoRunners_SameConnectionString_ReuseTheSameBackends()
    {
        await using (var first = Runner())
        {
            (await first.MigrateUpAsync()).ToVersion.Should().Be(2);
        }

        var afterFirst = await BackendsAsync();
        afterFirst.Should().NotBeEmpty("the first runner's connections stay pooled after it is disposed");

        await using (var second = Runner())
        {
            (await second.MigrateUpAsync()).NothingToDo.Should().BeTrue();
        }

        (await BackendsAsync()).Should().BeEquivalentTo(afterFirst, "the second runner used the first one's pooled connections instead of opening new ones");
    }

    [Test]
    public async Task TwoProviders_SameConnectionString_ShareOneDataSource_OtherSchemaGetsItsOwn()
    {
        await using var first = new PostgreSqlMigrationProvider(_connectionString, new PostgreSqlMigrationOptions());
        await using var second = new PostgreSqlMigrationProvider(_connectionString, new PostgreSqlMigrationOptions());
        await using var otherSchema = new PostgreSqlMigrationProvider(_connectionString, new PostgreSqlMigrationOptions { Schema = "app" });

        second.DataSource.Should().BeSameAs(first.DataSource);
        otherSchema.DataSource.Should().NotBeSameAs(first.DataSource, "a schema changes the startup packet's search_path, so it is another pool");
    }

    [Test]
    public async Task DisposingOneRunner_LeavesAnotherOnTheSameConnectionStringWorking()
    {
        await using var survivor = Runner();
        await using (var disposed = Runner())
        {
            (await disposed.MigrateUpAsync()).ToVersion.Should().Be(2);
        }

        (await survivor.MigrateUpAsync()).NothingToDo.Should().BeTrue();
        (await survivor.GetHistoryAsync()).Select(m => m.Version).Should().Equal(1, 2);
    }

    [Test]
    public async Task Clear_ClosesTheIdleConnections_SoTheDatabaseDropsWithoutForce()
    {
        await using (var runner = Runner())
        {
            await runner.MigrateUpAsync();
        }

        (await BackendsAsync()).Should().NotBeEmpty();

        PostgreSqlSharedDataSources.Clear(_connectionString).Should().Be(1);

        // No FORCE: PostgreSQL refuses while any other session is connected to the database.
        await Database.DataSource.DisposeAsync();
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE \"{Database.Name}\"", admin);
        await drop.ExecuteNonQueryAsync();
        await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{Database.Name}'", admin);
        (await exists.ExecuteScalarAsync()).Should().Be(0L);
    }

    [Test]
    public async Task Clear_WhileAProviderIsInUse_ItKeepsWorking_AndItsDataSourceIsDisposedWithIt()
    {
        var inUse = new PostgreSqlMigrationProvider(_connectionString, new PostgreSqlMigrationOptions());
        var dataSource = inUse.DataSource;

        PostgreSqlSharedDataSources.Clear(_connectionString).Should().Be(1);
        await using (var next = new PostgreSqlMigrationProvider(_connectionString, new PostgreSqlMigrationOptions()))
        {
            next.DataSource.Should().NotBeSameAs(dataSource, "a cleared data source is not handed out again");
        }

        var connection = await inUse.OpenConnectionAsync();
        await connection.DisposeAsync();
        await inUse.DisposeAsync();

        var afterDispose = async () => await dataSource.OpenConnectionAsync();
        await afterDispose.Should().ThrowAsync<ObjectDisposedException>("the cleared data source's last user disposed it");
    }

    [Test]
    public async Task IdleConnectionsEndedByTheServer_TheNextRunnerOpensNewOnes()
    {
        await using (var first = Runner())
        {
            await first.MigrateUpAsync();
        }

        var ended = await BackendsAsync();
        ended.Should().NotBeEmpty();
        await Database.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE '{_applicationName}%'");

        await using var second = Runner();
        (await second.MigrateUpAsync()).NothingToDo.Should().BeTrue("the pooled connections the server ended were replaced, not used");
    }

    [Test]
    public async Task WrongPassword_FailsWithTheConnectionError_IsNotKept_AndTheCorrectedOneWorks()
    {
        await SecretRole.EnsureAsync();
        if (!SecretRole.PasswordChecked)
        {
            Assert.Ignore("The server does not check this role's password (MIGRATIONKIT_PG names a server whose pg_hba.conf the tests cannot change).");
        }

        var wrong = SecretRole.ConnectionString(Database.Name, "Wrong-Pw-For-Shared-Pool");
        var right = SecretRole.ConnectionString(Database.Name);
        try
        {
            await using (var refused = new MigrationRunnerBuilder().UsePostgreSql(wrong).AddMigrationsFrom(typeof(TestDatabase).Assembly, Basic).Build())
            {
                var act = async () => await refused.ReadSchemaAsync();
                (await act.Should().ThrowAsync<MigrationConnectionException>())
                    .Which.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.InvalidPassword);
            }

            PostgreSqlSharedDataSources.Clear(wrong).Should().Be(0, "the data source whose connection failed was forgotten at the failure");

            await using var corrected = new MigrationRunnerBuilder().UsePostgreSql(right).AddMigrationsFrom(typeof(TestDatabase).Assembly, Basic).Build();
            (await corrected.ReadSchemaAsync()).Tables.Should().BeEmpty();
        }
        finally
        {
            PostgreSqlSharedDataSources.Clear(right);
        }
    }

    private IMigrationRunner Runner() =>
        new MigrationRunnerBuilder()
            .UsePostgreSql(_connectionString)
            .AddMigrationsFrom(typeof(TestDatabase).Assembly, Basic)
            .Build();

    private async Task<List<string>> BackendsAsync() =>
        await Database.ColumnAsync($"SELECT pid FROM pg_stat_activity WHERE application_name LIKE '{_applicationName}%' ORDER BY pid");
}
