using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

// In the test assembly's root namespace, so that it stops the server after every test of the assembly.
namespace MigrationKit.Cli.Tests;

/// <summary>
/// The PostgreSQL server of the tool's tests: <c>MIGRATIONKIT_PG</c> when set, otherwise a private throwaway cluster
/// started on first use (so the SQLite tests need none). A missing server fails the test that needs it, never skips it.
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
                Assert.Fail("The tool's PostgreSQL tests need a server: no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin. "
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
