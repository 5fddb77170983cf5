using System.Net;
using System.Net.Sockets;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Providers;

/// <summary>The provider's identity, connection handling and error classification; passwords never leak.</summary>
public sealed class PostgreSqlMigrationProviderTests
{
    private const string Secret = "s3cret-Pa55word";

    [Test]
    public async Task DisplayName_ConnectionStringWithPassword_NamesDatabaseHostAndPortOnly()
    {
        await using var provider = new PostgreSqlMigrationProvider($"Host=db.example.com;Port=6432;Database=orders;Username=app;Password={Secret}", new PostgreSqlMigrationOptions());

        provider.DisplayName.Should().Be("PostgreSQL database 'orders' on db.example.com:6432");
        provider.Name.Should().Be("postgresql");
    }

    [Test]
    public async Task DisplayName_DataSourceWithPassword_NeverContainsThePassword()
    {
        await using var dataSource = NpgsqlDataSource.Create($"Host=127.0.0.1;Database=billing;Username=app;Password={Secret}");
        await using var provider = new PostgreSqlMigrationProvider(dataSource, new PostgreSqlMigrationOptions());

        provider.DisplayName.Should().Be("PostgreSQL database 'billing' on 127.0.0.1:5432");
        provider.DisplayName.Should().NotContain(Secret);
    }

    [Test]
    public async Task MigrateUp_UnreachablePort_ThrowsConnectionFailureWithoutThePassword()
    {
        var port = UnusedPort();
        await using var runner = new MigrationRunnerBuilder()
            .UsePostgreSql($"Host=127.0.0.1;Port={port};Database=app;Username=app;Password={Secret};Timeout=5")
            .AddMigrationsFrom(typeof(PostgreSqlMigrationProviderTests).Assembly, "MigrationKit.PostgreSql.Tests.Running.Basic")
            .Build();

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationConnectionException>()).Which;
        failure.Message.Should().Contain($"PostgreSQL database 'app' on 127.0.0.1:{port}");
        failure.ToString().Should().NotContain(Secret).And.NotContain("Password=", "no part of the connection string's secret may leak into a message");
        await using var classifier = new PostgreSqlMigrationProvider("Host=127.0.0.1", new PostgreSqlMigrationOptions());
        classifier.IsConnectionFailure(failure.InnerException!).Should().BeTrue();
    }

    [Test]
    public async Task MigrateUp_DatabaseDoesNotExist_ThrowsConnectionFailure()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = "mk_missing_" + Guid.NewGuid().ToString("N"), Password = Secret }.ConnectionString;
        await using var runner = new MigrationRunnerBuilder()
            .UsePostgreSql(connectionString)
            .AddMigrationsFrom(typeof(PostgreSqlMigrationProviderTests).Assembly, "MigrationKit.PostgreSql.Tests.Running.Basic")
            .Build();

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationConnectionException>()).Which;
        failure.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.InvalidCatalogName);
        failure.ToString().Should().NotContain(Secret);
    }

    [TestCase("08006", true)]
    [TestCase("08001", true)]
    [TestCase("57P01", true)]
    [TestCase("57P03", true)]
    [TestCase("3D000", true)]
    [TestCase("28P01", true)]
    [TestCase("28000", true)]
    [TestCase("42P01", false)]
    [TestCase("23505", false)]
    [TestCase("55P03", false)]
    public async Task IsConnectionFailure_ServerError_DependsOnSqlState(string sqlState, bool expected)
    {
        await using var provider = new PostgreSqlMigrationProvider("Host=127.0.0.1", new PostgreSqlMigrationOptions());

        provider.IsConnectionFailure(new PostgresException("message", "FATAL", "FATAL", sqlState)).Should().Be(expected);
    }

    [Test]
    public async Task IsConnectionFailure_DriverErrors_TrueOnlyForTransportFailures()
    {
        await using var provider = new PostgreSqlMigrationProvider("Host=127.0.0.1", new PostgreSqlMigrationOptions());

        provider.IsConnectionFailure(new NpgsqlException("Exception while reading from stream", new IOException("reset"))).Should().BeTrue();
        provider.IsConnectionFailure(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))).Should().BeTrue();
        provider.IsConnectionFailure(new NpgsqlException("The operation has timed out", new TimeoutException())).Should().BeTrue();
        provider.IsConnectionFailure(new NpgsqlException("something else")).Should().BeFalse();
        provider.IsConnectionFailure(new InvalidOperationException("not a driver error", new IOException())).Should().BeFalse();
    }

    [Test]
    public void Constructor_MalformedConnectionStringWithPassword_ThrowsWithoutThePassword()
    {
        var act = () => new PostgreSqlMigrationProvider($"Host=localhost;Password={Secret};Port=not-a-number", new PostgreSqlMigrationOptions());

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "connectionString" && !e.Message.Contains(Secret));
    }

    [Test]
    public async Task OpenConnection_SchemaOption_CreatesSchemaAndSetsSearchPath()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var provider = database.Provider(o => o.Schema = "Mixed Case");

        var connection = (NpgsqlConnection)await provider.OpenConnectionAsync();
        await using (var command = new NpgsqlCommand("SELECT current_schema()", connection))
        {
            (await command.ExecuteScalarAsync()).Should().Be("Mixed Case");
        }

        await provider.ReleaseConnectionAsync(connection);
    }

    [Test]
    public async Task OpenConnection_SchemaOptionOnCallersDataSource_SetsSearchPathPerConnection()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var provider = new PostgreSqlMigrationProvider(database.DataSource, new PostgreSqlMigrationOptions { Schema = "tenant" });

        var connection = (NpgsqlConnection)await provider.OpenConnectionAsync();
        await using (var command = new NpgsqlCommand("SELECT current_schema()", connection))
        {
            (await command.ExecuteScalarAsync()).Should().Be("tenant");
        }

        await provider.ReleaseConnectionAsync(connection);
    }

    [Test]
    public void Options_InvalidValues_ThrowNamingTheOption()
    {
        var options = new PostgreSqlMigrationOptions();

        options.Invoking(o => o.LockWaitTimeout = TimeSpan.FromSeconds(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("LockWaitTimeout");
        options.Invoking(o => o.LockTimeout = TimeSpan.Zero).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("LockTimeout");
        options.Invoking(o => o.LockTimeout = TimeSpan.FromDays(30)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("LockTimeout");
        options.Invoking(o => o.StatementTimeout = TimeSpan.FromMilliseconds(-5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("StatementTimeout");
        options.Invoking(o => o.Schema = " ").Should().Throw<ArgumentException>().WithParameterName("Schema");
        options.Invoking(o => o.Schema = new string('s', 64)).Should().Throw<ArgumentException>().WithParameterName("Schema").WithMessage("*64 bytes*63*");
    }

    [Test]
    public void Options_Defaults_AreOneMinuteTenSecondsAndNoStatementLimit()
    {
        var options = new PostgreSqlMigrationOptions
        {
            LockWaitTimeout = TimeSpan.Zero,
            LockTimeout = Timeout.InfiniteTimeSpan,
            StatementTimeout = TimeSpan.FromSeconds(30),
        };
        var defaults = new PostgreSqlMigrationOptions();

        defaults.LockWaitTimeout.Should().Be(TimeSpan.FromMinutes(1));
        defaults.LockTimeout.Should().Be(TimeSpan.FromSeconds(10));
        defaults.StatementTimeout.Should().Be(Timeout.InfiniteTimeSpan);
        defaults.Schema.Should().BeNull();
        options.LockWaitTimeout.Should().Be(TimeSpan.Zero);
        options.LockTimeout.Should().Be(Timeout.InfiniteTimeSpan);
        options.StatementTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
