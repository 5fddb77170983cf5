using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

// In the test assembly's root namespace, so that it sets up the server for every test in the assembly.
namespace MigrationKit.Data.Tests;

/// <summary>
/// The PostgreSQL server of the data-move tests: the one <c>MIGRATIONKIT_PG</c> names, or else a private throwaway
/// cluster (see <see cref="PostgresCluster"/>). A missing server fails the PostgreSQL tests; it never skips them.
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private static string? _connectionString;
    private static string? _failure;
    private static PostgresCluster? _cluster;

    public static string ConnectionString => _connectionString ?? throw new InvalidOperationException(_failure ?? "The PostgreSQL server was not started.");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable("MIGRATIONKIT_PG") is { Length: > 0 } external)
        {
            _connectionString = external;
            return;
        }

        if (PostgresCluster.FindBinaries() is not { } binaries)
        {
            // Only the PostgreSQL tests fail (each with this message); the SQLite ones still run.
            _failure = "The PostgreSQL tests need a server: no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin. Install the Debian 'postgresql' package, or set MIGRATIONKIT_PG.";
            return;
        }

        _cluster = await PostgresCluster.StartAsync(binaries);
        _connectionString = _cluster.ConnectionString;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }
}
