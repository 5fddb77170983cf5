using MigrationKit.Data.Moves;
using Npgsql;

namespace MigrationKit.Data.PostgreSql;

/// <summary>
/// The lock of one data move into a PostgreSQL database: a session advisory lock, keyed by a hash of the move's name,
/// held on a connection of its own for the whole run. The server drops it when that session ends, so a killed run
/// never leaves the move locked.
/// </summary>
internal sealed class PostgreSqlMoveLock : IAsyncDisposable
{
    private const string KeyPrefix = "migrationkit.data.move:";
    private readonly NpgsqlConnection _connection;
    private readonly string _move;

    private PostgreSqlMoveLock(NpgsqlConnection connection, string move)
    {
        _connection = connection;
        _move = move;
    }

    public static async ValueTask<IAsyncDisposable> AcquireAsync(NpgsqlDataSource dataSource, string move, string target, TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await TakeAsync(connection, move, wait, cancellationToken).ConfigureAwait(false))
            {
                return new PostgreSqlMoveLock(connection, move);
            }

            throw new DataMoveInProgressException(move, target, await DescribeHolderAsync(connection, move, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Takes the lock, waiting at most <paramref name="wait"/> under <c>lock_timeout</c> (the session of a run killed a
    /// moment ago ends only when its backend notices); zero tries once.
    /// </summary>
    private static async Task<bool> TakeAsync(NpgsqlConnection connection, string move, TimeSpan wait, CancellationToken cancellationToken)
    {
        var milliseconds = (long)Math.Ceiling(wait.TotalMilliseconds);
        var take = new NpgsqlCommand(
            milliseconds == 0
                ? "SELECT pg_try_advisory_lock(hashtextextended(@key, 0))"
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET lock_timeout = {milliseconds}; SELECT pg_advisory_lock(hashtextextended(@key, 0)) IS NOT NULL; RESET lock_timeout"),
            connection);
        await using (take.ConfigureAwait(false))
        {
            take.Parameters.AddWithValue("key", KeyPrefix + move);
            try
            {
                return await take.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                var reset = new NpgsqlCommand("RESET lock_timeout", connection);
                await using (reset.ConfigureAwait(false))
                {
                    await reset.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return false;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // A pooled connection keeps its session, and so its advisory locks, until it is reset: unlock first.
            var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 0))", _connection);
            await using (release.ConfigureAwait(false))
            {
                release.Parameters.AddWithValue("key", KeyPrefix + _move);
                await release.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // The session is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The backend holding the lock, from pg_locks (an advisory lock on a bigint key shows as classid = high half, objid = low half).</summary>
    private static async Task<string?> DescribeHolderAsync(NpgsqlConnection connection, string move, CancellationToken cancellationToken)
    {
        var holder = new NpgsqlCommand(
            """
            SELECT a.pid, COALESCE(NULLIF(a.application_name, ''), '(no application name)'), COALESCE(host(a.client_addr), 'local'), a.backend_start
            FROM (SELECT hashtextextended(@key, 0) AS k) key
            JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND l.classid = ((key.k >> 32) & 4294967295)::oid AND l.objid = (key.k & 4294967295)::oid AND l.objsubid = 1
            JOIN pg_stat_activity a ON a.pid = l.pid
            LIMIT 1
            """,
            connection);
        await using (holder.ConfigureAwait(false))
        {
            holder.Parameters.AddWithValue("key", KeyPrefix + move);
            var reader = await holder.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"held by backend {reader.GetInt32(0)} of {reader.GetString(1)} from {reader.GetString(2)}, connected since {reader.GetDateTime(3):u}")
                    : null;
            }
        }
    }
}
