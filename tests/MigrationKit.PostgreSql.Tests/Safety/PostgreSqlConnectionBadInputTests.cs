using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Specification;
using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Specification;
using MigrationKit.Specification.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Safety;

/// <summary>
/// PostgreSQL-only bad inputs with a password in the connection string: malformed strings, a port nobody listens on,
/// a host that does not resolve, a wrong password, a missing database, and a lock held by someone else. Each is refused
/// with a typed error naming the target (never the password) and the remedy, and the password never appears in an
/// exception (message, inner exceptions, ToString) or in a log line.
/// </summary>
public sealed class PostgreSqlConnectionBadInputTests
{
    private const string WrongPassword = "Wrong-Pw-5d2c-MustNeverLeakEither";

    private ILoggerFactory _loggers = null!;
    private CapturingLoggerProvider _logs = null!;

    private static string[] Secrets => [SecretRole.Password, WrongPassword];

    [SetUp]
    public async Task StartCapturingAsync()
    {
        await SecretRole.EnsureAsync();
        _loggers = CapturingLoggerProvider.CreateFactory(out _logs);
    }

    [TearDown]
    public void StopCapturing() => _loggers.Dispose();

    [TestCase("Host=127.0.0.1;Port=not-a-port;Password=" + SecretRole.Password, TestName = "MalformedConnectionString_PortNotANumber")]
    [TestCase("Hots=127.0.0.1;Password=" + SecretRole.Password, TestName = "MalformedConnectionString_UnknownKeyword")]
    [TestCase("Host=127.0.0.1;Password=" + SecretRole.Password + ";Timeout=soon", TestName = "MalformedConnectionString_TimeoutNotANumber")]
    public void MalformedConnectionString_ThrowsArgumentExceptionNamingTheParameterWithoutThePassword(string connectionString)
    {
        var act = () => new MigrationRunnerBuilder().UsePostgreSql(connectionString);

        var error = act.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be("connectionString");
        error.Message.Should().Contain("The PostgreSQL connection string is not valid").And.Contain("Write it as 'Host=");
        SecretLeaks.Find(Secrets, error, _logs).Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_NobodyListensOnThePort_ThrowsConnectionErrorNamingTheTarget()
    {
        var port = FreePort();
        await using var runner = Runner($"Host=127.0.0.1;Port={port};Database=app;Username={SecretRole.Name};Password={SecretRole.Password};Timeout=3");

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain($"PostgreSQL database 'app' on 127.0.0.1:{port}").And.Contain("Check that the path or server exists");
    }

    [Test]
    public async Task MigrateUp_HostDoesNotResolve_ThrowsConnectionErrorNamingTheHost()
    {
        await using var runner = Runner($"Host=no-such-host.invalid;Database=app;Username={SecretRole.Name};Password={SecretRole.Password};Timeout=3");

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain("PostgreSQL database 'app' on no-such-host.invalid:5432").And.Contain("reachable");
    }

    [Test]
    public async Task MigrateUp_WrongPassword_ThrowsConnectionErrorWithoutEitherPassword()
    {
        if (!SecretRole.PasswordChecked)
        {
            Assert.Ignore("The server does not check this role's password (MIGRATIONKIT_PG names a server whose pg_hba.conf the tests cannot change).");
        }

        await using var database = await new PostgreSqlSecretTarget().CreateDatabaseAsync();
        await using var runner = Runner(SecretRole.ConnectionString(DatabaseName(database), WrongPassword));

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.InvalidPassword);
        error.Message.Should().Contain($"PostgreSQL database '{DatabaseName(database)}'").And.Contain("may read and write it");
        await using var right = Runner(SecretRole.ConnectionString(DatabaseName(database)));
        (await right.GetHistoryAsync()).Should().BeEmpty("the refused run created nothing");
        (await right.ReadSchemaAsync()).Tables.Should().BeEmpty();
    }

    [Test]
    public async Task MigrateUp_DatabaseDoesNotExist_ThrowsConnectionErrorNamingTheDatabase()
    {
        await using var runner = Runner(SecretRole.ConnectionString("mk_no_such_database"));

        var error = await Refused<MigrationConnectionException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain("PostgreSQL database 'mk_no_such_database'").And.Contain("Check that the path or server exists");
    }

    [Test]
    public async Task MigrateUp_LockHeldElsewhere_TimesOutNamingTheHolderAndChangesNothing()
    {
        await using var database = await new PostgreSqlSecretTarget().CreateDatabaseAsync();
        var connectionString = SecretRole.ConnectionString(DatabaseName(database));
        await using var holder = new NpgsqlConnection(connectionString + ";Application Name=lock-holder-test");
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", holder))
        {
            take.Parameters.AddWithValue("key", AdvisoryLockKey.For(new QualifiedName("__migrationkit_history"), null).Value);
            await take.ExecuteScalarAsync();
        }

        await using var runner = Runner(connectionString, o => o.LockWaitTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Refused<MigrationLockTimeoutException>(() => runner.MigrateUpAsync());

        error.Message.Should().Contain($"PostgreSQL database '{DatabaseName(database)}'").And.Contain("lock-holder-test").And.Contain("Wait for that migration to finish");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty("nothing ran without the lock");
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }

    private static string DatabaseName(ISpecificationDatabase database)
    {
        var provider = database.CreateProvider();
        try
        {
            return provider.DisplayName.Split('\'')[1];
        }
        finally
        {
            ((IDisposable)provider).Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private IMigrationRunner Runner(string connectionString, Action<PostgreSqlMigrationOptions>? configure = null) =>
        new MigrationRunnerBuilder()
            .UsePostgreSql(connectionString, configure)
            .UseLoggerFactory(_loggers)
            .AddMigrationsFrom(typeof(ISpecificationTarget).Assembly, "MigrationKit.Specification.Migrations.Basic")
            .Build();

    private async Task<TException> Refused<TException>(Func<Task> act)
        where TException : Exception
    {
        var error = (await act.Should().ThrowExactlyAsync<TException>()).Which;
        SecretLeaks.Find(Secrets, error, _logs).Should().BeEmpty("no password appears in an exception or a log line");
        _logs.Lines.Should().NotBeEmpty("the run logged, so the check above read real log output");
        return error;
    }
}
