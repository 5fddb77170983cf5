using System.Data.Common;
using System.Globalization;
using System.Text;
using MigrationKit.Operations;
using MigrationKit.Providers;
using MigrationKit.Statistics;
using Npgsql;
using NpgsqlTypes;

namespace MigrationKit.PostgreSql.Statistics;

/// <summary>
/// Reads a plan's statistics from the PostgreSQL catalogs in one round trip (one command of several statements):
/// server version and database size; per table <c>reltuples</c>, <c>n_live_tup</c>, an exact count when the estimate is
/// small (or the table was never analyzed and is small on disk, or when asked), <c>pg_table_size</c> and
/// <c>pg_indexes_size</c>; lock waiters and long transactions on the tables from <c>pg_locks</c> and
/// <c>pg_stat_activity</c>; then the data checks.
/// </summary>
internal sealed class PostgreSqlStatisticsReader(MigrationSqlGenerator generator) : IDatabaseStatisticsReader
{
    // A table never analyzed and at most this big on disk is counted exactly.
    private const long ExactCountMaxBytes = 256L * 1024 * 1024;

    internal const string ServerSql = "SELECT current_setting('server_version'), current_setting('server_version_num')::int / 10000, pg_database_size(current_database())";

    // The tables asked for, by position; the health reader passes every user table instead.
    private const string RequestedTables = "unnest(@names) WITH ORDINALITY AS t(name, ord)";

    private static readonly string TablesSql = TablesFrom(RequestedTables);

    private const string ActivitySql = """
        SELECT t.ord,
               count(*) FILTER (WHERE NOT l.granted),
               count(DISTINCT l.pid) FILTER (WHERE l.granted AND a.xact_start <= now() - make_interval(secs => @long_seconds)),
               extract(epoch FROM max(now() - a.xact_start) FILTER (WHERE l.granted))::float8
        FROM unnest(@names) WITH ORDINALITY AS t(name, ord)
        JOIN pg_locks l ON l.relation = to_regclass(t.name) AND l.locktype = 'relation'
        JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.pid <> pg_backend_pid()
        GROUP BY t.ord
        """;

    /// <summary>
    /// The per-table statistics query over <paramref name="tables"/>, a FROM item yielding <c>t(name, ord)</c> (a quoted,
    /// possibly schema-qualified name and its position): position, <c>reltuples</c>, <c>n_live_tup</c>, table size,
    /// index size, the exact count when small, then schema, name, whether the schema is the session's current one,
    /// <c>n_dead_tup</c> and the last vacuum, autovacuum, analyze and autoanalyze. Reads <see cref="AddTableParameters"/>.
    /// </summary>
    /// <param name="tables">The FROM item.</param>
    /// <returns>The query.</returns>
    internal static string TablesFrom(string tables) => $"""
        SELECT t.ord, c.reltuples::bigint, coalesce(s.n_live_tup, 0), pg_table_size(c.oid), pg_indexes_size(c.oid),
               CASE WHEN @exact OR greatest(c.reltuples, coalesce(s.n_live_tup, 0)) < @exact_below
                         OR (c.reltuples < 0 AND pg_table_size(c.oid) <= @exact_max_bytes)
                    THEN (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), false, true, '')))[1]::text::bigint END,
               n.nspname, c.relname, coalesce(n.nspname = current_schema(), false),
               s.n_dead_tup, s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze
        FROM {tables}
        JOIN pg_class c ON c.oid = to_regclass(t.name)
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        ORDER BY t.ord
        """;

    /// <summary>Adds the parameters <see cref="TablesFrom"/> reads.</summary>
    /// <param name="command">The command.</param>
    /// <param name="countExactly">Count every table exactly.</param>
    /// <param name="exactCountBelowRows">Count exactly below this estimate.</param>
    internal static void AddTableParameters(DbCommand command, bool countExactly, long exactCountBelowRows)
    {
        Add(command, "exact", countExactly, NpgsqlDbType.Boolean);
        Add(command, "exact_below", (double)exactCountBelowRows, NpgsqlDbType.Real);
        Add(command, "exact_max_bytes", ExactCountMaxBytes, NpgsqlDbType.Bigint);
    }

    public async Task<DatabaseStatistics> ReadAsync(MigrationSession session, DatabaseStatisticsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        var sql = new StringBuilder(ServerSql).Append(";\n").Append(TablesSql).Append(";\n").Append(ActivitySql);
        foreach (var check in request.Checks)
        {
            sql.Append(";\n").Append(check.ToSql(generator));
        }

        var command = session.CreateCommand(sql.ToString());
        await using (command.ConfigureAwait(false))
        {
            var names = request.Tables.Select(generator.Quote).ToArray();
            Add(command, "names", names, NpgsqlDbType.Array | NpgsqlDbType.Text);
            AddTableParameters(command, request.CountExactly, request.ExactCountBelowRows);
            Add(command, "long_seconds", request.LongTransaction.TotalSeconds, NpgsqlDbType.Double);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var version = reader.GetString(0);
                var major = reader.GetInt32(1);
                var size = reader.GetInt64(2);

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var tables = new Dictionary<long, TableStatistics>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var ordinal = reader.GetInt64(0);
                    tables[ordinal] = Table(request.Tables[(int)ordinal - 1], reader);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (tables.TryGetValue(reader.GetInt64(0), out var table))
                    {
                        tables[reader.GetInt64(0)] = table with
                        {
                            LockWaiters = (int)reader.GetInt64(1),
                            LongTransactions = (int)reader.GetInt64(2),
                            OldestTransaction = reader.IsDBNull(3) ? null : TimeSpan.FromSeconds(reader.GetDouble(3)),
                        };
                    }
                }

                var checks = new List<DataCheckResult>(request.Checks.Count);
                foreach (var check in request.Checks)
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    checks.Add(new DataCheckResult(check, reader.IsDBNull(0) ? null : Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)));
                }

                return new DatabaseStatistics(version)
                {
                    ServerMajorVersion = major,
                    DatabaseSizeBytes = size,
                    Tables = tables.OrderBy(t => t.Key).Select(t => t.Value).ToArray(),
                    Checks = checks,
                    RoundTrips = 1,
                };
            }
        }
    }

    /// <summary>One row of <see cref="TablesFrom"/> as the statistics of <paramref name="name"/>.</summary>
    /// <param name="name">The table.</param>
    /// <param name="reader">The reader, on the row.</param>
    /// <returns>The statistics.</returns>
    internal static TableStatistics Table(QualifiedName name, DbDataReader reader)
    {
        var reltuples = reader.GetInt64(1);
        var live = reader.GetInt64(2);
        var size = reader.GetInt64(3);
        var indexes = reader.GetInt64(4);
        if (!reader.IsDBNull(5))
        {
            return new TableStatistics(name, reader.GetInt64(5)) { RowsExact = true, RowsSource = "exact count", SizeBytes = size, IndexSizeBytes = indexes };
        }

        var (rows, source) = reltuples >= 0 ? (Math.Max(reltuples, live), reltuples >= live ? "reltuples" : "n_live_tup")
            : live > 0 ? (live, "n_live_tup")
            : (size / 100, "never analyzed: size / 100 bytes");
        return new TableStatistics(name, rows) { RowsSource = source, SizeBytes = size, IndexSizeBytes = indexes };
    }

    private static void Add(DbCommand command, string name, object value, NpgsqlDbType type) =>
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
}
