using System.Data.Common;
using System.Globalization;
using MigrationKit.Health;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Statistics;
using MigrationKit.Providers;
using Npgsql;
using NpgsqlTypes;

namespace MigrationKit.PostgreSql.Health;

/// <summary>
/// Reads a PostgreSQL database's health in one round trip (one command of five statements): the server version and
/// database size and the per-table statistics, with the statistics reader's own queries, over every user table (plus
/// dead rows and the last vacuum and analyze from <c>pg_stat_user_tables</c>); the sessions of this database waiting
/// for a lock (<c>pg_locks</c>, <c>pg_stat_activity</c>, <c>pg_blocking_pids</c>); its oldest open transaction; and
/// whether <c>pg_stat_statements</c> is installed and loaded. Only when it is, a second round trip reads the slowest
/// statements from it.
/// </summary>
internal sealed class PostgreSqlHealthReader(MigrationSqlGenerator generator) : IDatabaseHealthReader
{
    // Every table of the user schemas (partitions and partitioned tables included), but not those of extensions.
    private const string UserTables = """
        (SELECT format('%I.%I', n.nspname, c.relname), row_number() OVER (ORDER BY n.nspname, c.relname)
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
           AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
           AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ) AS t(name, ord)
        """;

    // A row lock shows as a wait for the holder's transaction id; the waiter's tuple lock names the row's table.
    // waitstart (PostgreSQL 14+) is read through to_jsonb so that older servers fall back to the statement's start.
    private const string LockWaitsSql = """
        SELECT l.pid, l.locktype, l.mode,
               coalesce(l.relation, (SELECT tl.relation FROM pg_locks tl WHERE tl.pid = l.pid AND tl.locktype = 'tuple' LIMIT 1))::regclass::text,
               coalesce((to_jsonb(l) ->> 'waitstart')::timestamptz, a.query_start),
               pg_blocking_pids(l.pid), a.application_name, left(a.query, @query_length)
        FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database() AND l.pid <> pg_backend_pid()
        ORDER BY 5 NULLS LAST, 1
        """;

    private const string LongestTransactionSql = """
        SELECT pid, extract(epoch FROM clock_timestamp() - xact_start)::float8, xact_start, state, application_name, left(query, @query_length)
        FROM pg_stat_activity
        WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() AND datname = current_database() AND backend_type = 'client backend'
        ORDER BY xact_start
        LIMIT 1
        """;

    // The extension's GUCs exist only when the server preloaded its library, without which its view cannot be read.
    private const string StatementsProbeSql = """
        SELECT (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'),
               current_setting('pg_stat_statements.max', true) IS NOT NULL,
               current_database()
        """;

    public async Task<DatabaseHealth> ReadAsync(MigrationSession session, HealthOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var sql = string.Join(";\n", PostgreSqlStatisticsReader.ServerSql, PostgreSqlStatisticsReader.TablesFrom(UserTables), LockWaitsSql, LongestTransactionSql, StatementsProbeSql);
        DatabaseHealth health;
        string? statementsSchema;
        int major;
        var command = session.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            PostgreSqlStatisticsReader.AddTableParameters(command, countExactly: false, options.ExactCountBelowRows);
            command.Parameters.Add(new NpgsqlParameter("query_length", NpgsqlDbType.Integer) { Value = options.QueryTextLength });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var version = reader.GetString(0);
                major = reader.GetInt32(1);
                var size = reader.GetInt64(2);

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var tables = new List<TableHealth>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    tables.Add(Table(reader));
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var waits = new List<LockWait>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    waits.Add(new LockWait(reader.GetInt32(0), reader.GetString(1), reader.GetString(2))
                    {
                        Relation = Text(reader, 3),
                        WaitingSince = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                        BlockingProcessIds = reader.GetFieldValue<int[]>(5),
                        ApplicationName = Text(reader, 6),
                        Query = Text(reader, 7),
                    });
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                OpenTransaction? longest = null;
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    longest = new OpenTransaction(reader.GetInt32(0), TimeSpan.FromSeconds(Math.Max(0, reader.GetDouble(1))))
                    {
                        StartedAt = reader.GetFieldValue<DateTimeOffset>(2),
                        State = Text(reader, 3),
                        ApplicationName = Text(reader, 4),
                        Query = Text(reader, 5),
                    };
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                statementsSchema = Text(reader, 0);
                var loaded = reader.GetBoolean(1);
                var database = reader.GetString(2);
                var unavailable = (statementsSchema, loaded) switch
                {
                    (null, true) => $"not available: the server loads pg_stat_statements, but the extension is not installed in database '{database}'. Run CREATE EXTENSION pg_stat_statements in it.",
                    (null, false) => $"not available: install pg_stat_statements: add it to shared_preload_libraries in postgresql.conf (shared_preload_libraries = 'pg_stat_statements'), restart the server, then run CREATE EXTENSION pg_stat_statements in database '{database}'.",
                    (_, false) => "not available: the pg_stat_statements extension is installed, but the server does not load its library. Add pg_stat_statements to shared_preload_libraries in postgresql.conf and restart the server.",
                    _ => null,
                };
                if (unavailable is not null)
                {
                    statementsSchema = null;
                }

                health = new DatabaseHealth(session.Provider.DisplayName, Reachable: true)
                {
                    ServerVersion = version,
                    DatabaseSizeBytes = size,
                    Tables = tables,
                    LockWaits = waits,
                    LongestTransaction = longest,
                    SlowStatementsUnavailable = unavailable,
                };
            }
        }

        return statementsSchema is null || options.SlowStatementCount == 0
            ? health
            : health with { SlowStatements = await ReadSlowStatementsAsync(session, statementsSchema, major, options, cancellationToken).ConfigureAwait(false) };
    }

    private async Task<IReadOnlyList<SlowStatement>> ReadSlowStatementsAsync(MigrationSession session, string schema, int major, HealthOptions options, CancellationToken cancellationToken)
    {
        // The columns were renamed in PostgreSQL 13, when planning time got columns of its own.
        var (total, mean) = major >= 13 ? ("total_exec_time", "mean_exec_time") : ("total_time", "mean_time");
        var order = options.SlowStatementOrder == SlowStatementOrder.MeanTime ? mean : total;
        var command = session.CreateCommand($"""
            SELECT left(query, @query_length), calls, {total}, {mean}, rows
            FROM {generator.QuoteIdentifier(schema)}.pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query IS NOT NULL
            ORDER BY {order} DESC
            LIMIT @count
            """);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter("query_length", NpgsqlDbType.Integer) { Value = options.QueryTextLength });
            command.Parameters.Add(new NpgsqlParameter("count", NpgsqlDbType.Integer) { Value = options.SlowStatementCount });
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var statements = new List<SlowStatement>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    statements.Add(new SlowStatement(reader.GetString(0), reader.GetInt64(1), TimeSpan.FromMilliseconds(reader.GetDouble(2)), TimeSpan.FromMilliseconds(reader.GetDouble(3)), reader.GetInt64(4)));
                }

                return statements;
            }
        }
    }

    private static TableHealth Table(DbDataReader reader)
    {
        // Tables of the session's current schema carry no schema name, as migrations and the schema reader name them.
        var name = reader.GetBoolean(8) ? new QualifiedName(reader.GetString(7)) : new QualifiedName(reader.GetString(7), reader.GetString(6));
        return TableHealth.From(PostgreSqlStatisticsReader.Table(name, reader)) with
        {
            DeadRows = reader.IsDBNull(9) ? null : reader.GetInt64(9),
            LastVacuum = Time(reader, 10),
            LastAutovacuum = Time(reader, 11),
            LastAnalyze = Time(reader, 12),
            LastAutoanalyze = Time(reader, 13),
        };
    }

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
