using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.Benchmarks.Support;

/// <summary>
/// The PostgreSQL server of the benchmarks: the one <c>MIGRATIONKIT_PG</c> (a connection string) names, or else a
/// private throwaway cluster (<see cref="PostgresCluster"/>, the launcher the PostgreSQL tests use). The host process
/// (<c>Program</c>) starts the cluster once, before BenchmarkDotNet launches its child processes, and passes it to them
/// through <c>MIGRATIONKIT_PG</c>; a process without the variable (an in-process toolchain, a debugger) starts its own
/// on first use and stops it when it exits.
/// </summary>
public static class PostgresServer
{
    /// <summary>The environment variable naming the server.</summary>
    public const string Variable = "MIGRATIONKIT_PG";

    private static readonly Lock Gate = new();
    private static string? _connectionString;

    /// <summary>A connection string to the server's maintenance database, as a role that may create databases.</summary>
    /// <exception cref="InvalidOperationException">There is no server and none can be started (no PostgreSQL binaries).</exception>
    public static string ConnectionString
    {
        get
        {
            lock (Gate)
            {
                if (_connectionString is null)
                {
                    var cluster = StartIfUnsetAsync().GetAwaiter().GetResult();
                    if (cluster is not null)
                    {
                        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    }

                    _connectionString = Environment.GetEnvironmentVariable(Variable)!;
                }

                return _connectionString;
            }
        }
    }

    /// <summary>
    /// Starts a private cluster and sets <c>MIGRATIONKIT_PG</c> to it for this process and the processes it starts,
    /// unless the variable is already set.
    /// </summary>
    /// <returns>The cluster to dispose at the end, or null when <c>MIGRATIONKIT_PG</c> was already set.</returns>
    /// <exception cref="InvalidOperationException">No PostgreSQL binaries were found.</exception>
    internal static async Task<IAsyncDisposable?> StartIfUnsetAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 })
        {
            return null;
        }

        var binaries = PostgresCluster.FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL benchmarks need a server: no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin. "
            + "Install the Debian 'postgresql' package, or set " + Variable + " to a connection string of a server the benchmarks may create databases on.");
        var cluster = await PostgresCluster.StartAsync(binaries);
        Environment.SetEnvironmentVariable(Variable, cluster.ConnectionString);
        return cluster;
    }
}
