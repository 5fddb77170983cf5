using MigrationKit.Hosting.Tests;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

// Shared by the hosting, the tool's and the data-move tests (linked there). In a namespace above both assemblies' tests, so that as
// a set-up fixture it stops the server after every test of the assembly it is compiled into.
namespace MigrationKit;

/// <summary>
/// The PostgreSQL server of the hosting, the tool's and the data-move tests: <c>MIGRATIONKIT_PG</c> when set, otherwise a private
/// throwaway cluster (the PostgreSQL tests' <c>PostgresCluster</c>), started on first use so that the SQLite tests do
/// not need one. A missing server fails the test that needs it, never skips it.
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _connectionString;
    private static PostgresCluster? _cluster;

    public static async Task<string> ConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_connectionString is not null)
            {
                return _connectionString;
            }

            if (Environment.GetEnvironmentVariable("MIGRATIONKIT_PG") is { Length: > 0 } external)
            {
                return _connectionString = external;
            }

            var binaries = PostgresCluster.FindBinaries();
            if (binaries is null)
            {
                Assert.Fail($"The PostgreSQL tests of {typeof(PostgresServer).Assembly.GetName().Name} need a server: no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin. "
                    + "Install the Debian 'postgresql' package, or set MIGRATIONKIT_PG to a connection string of a server the tests may create databases on.");
            }

            _cluster = await PostgresCluster.StartAsync(binaries!);
            return _connectionString = _cluster.ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates a fresh database, dropped when the returned object is disposed.</summary>
    public static async Task<PostgresDatabase> CreateDatabaseAsync() => await PostgresDatabase.CreateAsync(await ConnectionStringAsync());

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
            _connectionString = null;
        }
    }
}
