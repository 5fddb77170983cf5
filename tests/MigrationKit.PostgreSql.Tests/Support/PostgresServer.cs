using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

// In the test assembly's root namespace, so that it sets up the server for every test in the assembly.
namespace MigrationKit.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: the one <c>MIGRATIONKIT_PG</c> (a connection string) names, or else a
/// private throwaway cluster started from the PostgreSQL binaries on this machine (as the <c>postgres</c> user when
/// running as root, since <c>initdb</c> refuses root) and stopped and deleted at the end. Missing binaries fail every
/// test with one message; they are never a silent skip.
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private const string Variable = "MIGRATIONKIT_PG";
    private static string? _connectionString;
    private static PostgresCluster? _cluster;

    /// <summary>A connection string to the server's maintenance database, as a superuser (or the role of <c>MIGRATIONKIT_PG</c>).</summary>
    public static string ConnectionString => _connectionString ?? throw new InvalidOperationException("The PostgreSQL server has not been started; the tests must run under PostgresServer's [SetUpFixture].");

    /// <summary>Whether the tests started their own cluster (rather than using <c>MIGRATIONKIT_PG</c>).</summary>
    public static bool IsPrivateCluster => _cluster is not null;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } external)
        {
            _connectionString = external;
            return;
        }

        var binaries = PostgresCluster.FindBinaries();
        if (binaries is null)
        {
            Assert.Fail(
                "The PostgreSQL tests need a server: no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin. "
                + "Install the Debian 'postgresql' package (apt-get install postgresql), or set " + Variable + " to a connection string of a server the tests may create databases on.");
        }

        _cluster = await PostgresCluster.StartAsync(binaries!);
        _connectionString = _cluster.ConnectionString;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is null)
        {
            return;
        }

        await _cluster.DisposeAsync();
        _cluster = null;
    }

    /// <summary>Creates a fresh database (<c>mk_&lt;guid&gt;</c>), dropped when the returned object is disposed.</summary>
    internal static Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(ConnectionString);
}
