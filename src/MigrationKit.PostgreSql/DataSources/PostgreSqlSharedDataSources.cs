using Npgsql;

namespace MigrationKit.PostgreSql;

/// <summary>
/// The data sources that runners built from a connection string share within the process: one
/// <see cref="NpgsqlDataSource"/> (and so one connection pool) per connection string, as Npgsql keeps one pool per
/// connection string for <see cref="NpgsqlConnection"/>. A runner built with <c>UsePostgreSql(connectionString)</c>
/// finds the pool a previous runner left warm, so a start with nothing pending does not pay a new physical connection.
/// </summary>
/// <remarks>
/// <para>
/// Lifetime: a shared data source lives as long as the process, like Npgsql's own pools, and disposing a runner only
/// lets go of it; its idle connections close after Npgsql's <c>Connection Idle Lifetime</c> (300 seconds unless the
/// connection string says otherwise). Reference counting alone would close the pool with the last runner, and an
/// application that builds a runner per start would pay the new connection every time again.
/// </para>
/// <para>
/// <see cref="Clear(string)"/> and <see cref="ClearAll"/> close the idle connections at once (before a
/// <c>DROP DATABASE</c>, or after changing a password on the server) and forget the data sources: the next runner
/// builds a new one. A runner still using a cleared data source is not disturbed: its connections close when it gives
/// them back, and the data source is disposed when the last such runner is.
/// </para>
/// <para>
/// A connection string whose connection fails (wrong password, missing database, server unreachable) is forgotten the
/// same way at the failure, so a bad password or a password changed on the server is never kept: the next runner,
/// with the same or a corrected connection string, starts from a new data source.
/// </para>
/// <para>
/// A data source the application passes in (<c>UsePostgreSql(dataSource)</c>, or one registered in the container) is
/// never shared here and never disposed by MigrationKit. The advisory lock's session connection comes from the same
/// pool: it is returned after <c>pg_advisory_unlock</c>, and one whose unlock failed is cleared out of the pool rather
/// than returned.
/// </para>
/// </remarks>
public static class PostgreSqlSharedDataSources
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, SharedDataSource> Shared = new(StringComparer.Ordinal);

    /// <summary>
    /// Closes the idle connections of the shared data sources built for <paramref name="connectionString"/> (with any
    /// <see cref="PostgreSqlMigrationOptions.Schema"/>), and forgets them so that the next runner builds a new one.
    /// </summary>
    /// <param name="connectionString">The connection string as passed to <c>UsePostgreSql</c>.</param>
    /// <returns>How many shared data sources were cleared (0 when none was built for it).</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed (the message never repeats a password).</exception>
    public static int Clear(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var origin = PostgreSqlMigrationProvider.Parse(connectionString, nameof(connectionString)).ConnectionString;
        return Forget(shared => string.Equals(shared.Origin, origin, StringComparison.Ordinal));
    }

    /// <summary>Closes the idle connections of every shared data source and forgets them all.</summary>
    /// <returns>How many shared data sources were cleared.</returns>
    public static int ClearAll() => Forget(_ => true);

    /// <summary>How many data sources are shared now (for tests).</summary>
    internal static int Count
    {
        get
        {
            lock (Gate)
            {
                return Shared.Count;
            }
        }
    }

    /// <summary>Takes a lease on the data source for <paramref name="connectionString"/>, building it on first use.</summary>
    /// <param name="origin">The connection string the caller passed, normalized (what <see cref="Clear(string)"/> matches).</param>
    /// <param name="connectionString">The connection string the data source is built from (the origin with the schema's search path).</param>
    /// <returns>The lease; dispose it when the provider is disposed.</returns>
    internal static SharedDataSourceLease Acquire(string origin, string connectionString)
    {
        lock (Gate)
        {
            if (!Shared.TryGetValue(connectionString, out var shared))
            {
                shared = new SharedDataSource(origin, connectionString, new NpgsqlDataSourceBuilder(connectionString).Build());
                Shared.Add(connectionString, shared);
            }

            shared.Leases++;
            return new SharedDataSourceLease(shared);
        }
    }

    /// <summary>Forgets <paramref name="shared"/> after a connection failure and closes its idle connections.</summary>
    /// <param name="shared">The data source.</param>
    internal static void Forget(SharedDataSource shared)
    {
        bool disposeNow;
        lock (Gate)
        {
            if (shared.Forgotten)
            {
                return;
            }

            disposeNow = ForgetLocked(shared);
        }

        Close(shared, disposeNow);
    }

    /// <summary>Ends a lease: disposes the data source when it was forgotten and this was its last lease.</summary>
    /// <param name="shared">The data source.</param>
    /// <returns>The data source to dispose now, or <see langword="null"/>.</returns>
    internal static NpgsqlDataSource? Release(SharedDataSource shared)
    {
        lock (Gate)
        {
            shared.Leases--;
            return shared.Forgotten && shared.Leases == 0 ? shared.DataSource : null;
        }
    }

    private static int Forget(Func<SharedDataSource, bool> match)
    {
        List<(SharedDataSource Shared, bool DisposeNow)> forgotten = [];
        lock (Gate)
        {
            foreach (var shared in Shared.Values.Where(match).ToList())
            {
                forgotten.Add((shared, ForgetLocked(shared)));
            }
        }

        foreach (var (shared, disposeNow) in forgotten)
        {
            Close(shared, disposeNow);
        }

        return forgotten.Count;
    }

    private static bool ForgetLocked(SharedDataSource shared)
    {
        shared.Forgotten = true;
        if (Shared.TryGetValue(shared.ConnectionString, out var current) && ReferenceEquals(current, shared))
        {
            Shared.Remove(shared.ConnectionString);
        }

        return shared.Leases == 0;
    }

    // Outside the lock: closing connections talks to the server.
    private static void Close(SharedDataSource shared, bool disposeNow)
    {
        if (disposeNow)
        {
            shared.DataSource.Dispose();
        }
        else
        {
            // Idle connections close now, busy ones when their runner gives them back.
            shared.DataSource.Clear();
        }
    }
}
