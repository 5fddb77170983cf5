using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;

namespace MigrationKit.PostgreSql;

/// <summary>
/// The migration lock: a session-level advisory lock held by a connection of its own, apart from the connection that
/// runs migrations, so that it survives the migrations' transactions, works with <c>CREATE INDEX CONCURRENTLY</c> (which
/// waits for other sessions' transactions, and the lock's session has none) and behind a transaction-pooling
/// PgBouncer. Because the lock belongs to the session, it disappears with it: a runner killed while holding it, or a
/// lock connection ended with <c>pg_terminate_backend</c>, never leaves the lock stuck.
/// </summary>
internal sealed class PostgreSqlAdvisoryLock : IAsyncDisposable
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>What the lock connection's <c>application_name</c> ends with.</summary>
    internal const string LockApplicationSuffix = " [migration lock]";

    private const string TryLockSql = "SELECT pg_try_advisory_lock(@key)";

    /// <summary>
    /// The first try also appends <see cref="LockApplicationSuffix"/> to the session's <c>application_name</c>, so that an
    /// operator (or a test) can tell the lock's connection from the one running migrations in <c>pg_stat_activity</c>.
    /// Session-level; Npgsql's reset when the connection goes back to its pool restores the original name. (The
    /// volatile <c>set_config</c> in the sub-select is evaluated once, before the lock is tried.)
    /// </summary>
    private const string MarkedTryLockSql =
        "SELECT pg_try_advisory_lock(@key) FROM (SELECT set_config('application_name', left(coalesce(nullif(current_setting('application_name'), ''), 'MigrationKit') || '"
        + LockApplicationSuffix + "', 63), false)) AS renamed";

    private readonly AdvisoryLockKey _key;
    private NpgsqlConnection? _connection;

    private PostgreSqlAdvisoryLock(NpgsqlConnection connection, AdvisoryLockKey key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>
    /// Opens a dedicated connection and polls <c>pg_try_advisory_lock</c> with a growing pause (20 ms doubling to
    /// 500 ms) until the lock is taken, <paramref name="waitTimeout"/> passes or the caller cancels.
    /// </summary>
    /// <param name="dataSource">Where the lock connection comes from.</param>
    /// <param name="key">The lock key.</param>
    /// <param name="waitTimeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits until cancelled.</param>
    /// <param name="database">The target's description for the timeout message.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lock; disposing it releases the lock and closes its connection.</returns>
    /// <exception cref="MigrationLockTimeoutException">Another session held the lock for the whole wait; the message names it.</exception>
    public static async Task<PostgreSqlAdvisoryLock> AcquireAsync(NpgsqlDataSource dataSource, AdvisoryLockKey key, TimeSpan waitTimeout, string database, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var pause = FirstPoll;
            // The first try also renames the session, in the same round trip.
            var sql = MarkedTryLockSql;
            while (!await TryLockAsync(connection, key, sql, cancellationToken).ConfigureAwait(false))
            {
                var remaining = waitTimeout == Timeout.InfiniteTimeSpan ? pause : waitTimeout - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    var holder = await DescribeHolderAsync(connection, key, cancellationToken).ConfigureAwait(false);
                    throw new MigrationLockTimeoutException(database, waitTimeout, holder);
                }

                await Task.Delay(remaining < pause ? remaining : pause, cancellationToken).ConfigureAwait(false);
                pause = pause * 2 < LongestPoll ? pause * 2 : LongestPoll;
                sql = TryLockSql;
            }

            return new PostgreSqlAdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Releases the lock with <c>pg_advisory_unlock</c> and closes the connection.</summary>
    /// <returns>A task that completes when the lock is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not { } connection)
        {
            return;
        }

        _connection = null;
        try
        {
            var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("key", _key.Value);
                await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The session is probably gone, and the lock with it. If it is not, keep its connection out of the pool:
            // a pooled session would go on holding the lock until it is next used.
            NpgsqlConnection.ClearPool(connection);
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Checks that the lock connection is alive and still holds the lock; the provider calls it at each migration's
    /// boundaries so that a run whose lock connection was ended does not go on unprotected.
    /// </summary>
    /// <param name="database">The target's description for the error.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the lock is known to be held.</returns>
    /// <exception cref="MigrationLockLostException">The lock connection failed, or its session no longer holds the lock.</exception>
    public async Task EnsureHeldAsync(string database, CancellationToken cancellationToken)
    {
        if (_connection is not { } connection)
        {
            throw new MigrationLockLostException(database, null);
        }

        bool held;
        try
        {
            var command = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()"
                + " AND classid::bigint = @class_id AND objid::bigint = @object_id AND objsubid = 1)", connection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("class_id", _key.ClassId);
                command.Parameters.AddWithValue("object_id", _key.ObjectId);
                held = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            throw new MigrationLockLostException(database, e);
        }

        if (!held)
        {
            throw new MigrationLockLostException(database, null);
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, AdvisoryLockKey key, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("key", key.Value);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
    }

    /// <summary>Who holds the lock, from <c>pg_locks</c> and <c>pg_stat_activity</c>; <see langword="null"/> when it is gone by now.</summary>
    internal static async Task<string?> DescribeHolderAsync(NpgsqlConnection connection, AdvisoryLockKey key, CancellationToken cancellationToken)
    {
        const string Sql =
            "SELECT l.pid, a.application_name, a.usename, a.client_addr::text, a.state, a.state_change, a.backend_start"
            + " FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid::bigint = @class_id AND l.objid::bigint = @object_id AND l.objsubid = 1";
        var command = new NpgsqlCommand(Sql, connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("class_id", key.ClassId);
            command.Parameters.AddWithValue("object_id", key.ObjectId);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var text = new StringBuilder("held by the PostgreSQL session with pid ").Append(reader.GetInt32(0).ToString(CultureInfo.InvariantCulture));
                var details = new List<string>();
                if (Text(reader, 1) is { Length: > 0 } application)
                {
                    details.Add($"application '{application}'");
                }

                if (Text(reader, 2) is { } user)
                {
                    details.Add($"user '{user}'");
                }

                if (Text(reader, 3) is { } client)
                {
                    details.Add($"from {client}");
                }

                if (Text(reader, 4) is { } state)
                {
                    details.Add(reader.IsDBNull(5) ? $"state '{state}'" : $"state '{state}' since {Time(reader, 5)}");
                }

                if (!reader.IsDBNull(6))
                {
                    details.Add($"connected since {Time(reader, 6)}");
                }

                if (details.Count > 0)
                {
                    text.Append(" (").AppendJoin(", ", details).Append(')');
                }

                return text.ToString();
            }
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Time(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
