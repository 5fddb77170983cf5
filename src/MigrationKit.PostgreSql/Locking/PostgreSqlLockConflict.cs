using System.Data.Common;
using System.Globalization;
using System.Text;
using MigrationKit.Providers;

namespace MigrationKit.PostgreSql;

/// <summary>
/// Describes who blocked a statement that ran into <c>lock_timeout</c> (SQLSTATE 55P03). The failed attempt has rolled
/// back by then, so <c>pg_blocking_pids</c> no longer applies; instead it reads the table locks other sessions of the
/// database hold (<c>pg_locks</c> with <c>pg_class</c> and <c>pg_stat_activity</c>) and keeps those on a table or index
/// the statement names.
/// </summary>
internal static class PostgreSqlLockConflict
{
    private const string Sql =
        "SELECT l.pid, n.nspname, c.relname, l.mode, a.application_name, a.state, a.query_start, a.xact_start, left(a.query, 200)"
        + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_class c ON c.oid = l.relation JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
        + " WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_catalog.pg_backend_pid()"
        + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())"
        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
        + " ORDER BY l.pid, n.nspname, c.relname, l.mode";

    /// <summary>The blocking sessions and tables, with the remedy; <see langword="null"/> when none holds a lock on a table the statement names.</summary>
    /// <param name="session">The runner's session, outside any transaction.</param>
    /// <param name="statement">The statement that timed out.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The description, or <see langword="null"/>.</returns>
    public static async Task<string?> DescribeAsync(MigrationSession session, string? statement, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(statement))
        {
            return null;
        }

        var holders = new List<string>();
        var pids = new SortedSet<int>();
        var command = session.CreateCommand(Sql);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var schema = reader.GetString(1);
                    var table = reader.GetString(2);
                    if (!Names(statement, table))
                    {
                        continue;
                    }

                    var pid = reader.GetInt32(0);
                    pids.Add(pid);
                    var details = new List<string> { $"holding {reader.GetString(3)}" };
                    if (Text(reader, 4) is { Length: > 0 } application)
                    {
                        details.Add($"application '{application}'");
                    }

                    if (Text(reader, 5) is { } state)
                    {
                        details.Add($"state '{state}'");
                    }

                    if (!reader.IsDBNull(6))
                    {
                        details.Add($"query started {Time(reader, 6)}");
                    }

                    if (!reader.IsDBNull(7))
                    {
                        details.Add($"transaction started {Time(reader, 7)}");
                    }

                    if (Text(reader, 8) is { Length: > 0 } query)
                    {
                        details.Add($"last query: {query.ReplaceLineEndings(" ")}");
                    }

                    holders.Add(string.Create(CultureInfo.InvariantCulture, $"table \"{schema}\".\"{table}\" is locked by the PostgreSQL session with pid {pid} ({string.Join(", ", details)})"));
                }
            }
        }

        if (holders.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder("Blocked: ").AppendJoin("; ", holders).Append(". Let that transaction finish, or end the session with ");
        text.AppendJoin(", ", pids.Select(p => string.Create(CultureInfo.InvariantCulture, $"SELECT pg_terminate_backend({p})"))).Append('.');
        return text.ToString();
    }

    /// <summary>Whether the statement names the relation: quoted as the generator writes it, or as a bare word.</summary>
    private static bool Names(string statement, string relation)
    {
        if (statement.Contains('"' + relation.Replace("\"", "\"\"", StringComparison.Ordinal) + '"', StringComparison.Ordinal))
        {
            return true;
        }

        for (var at = statement.IndexOf(relation, StringComparison.OrdinalIgnoreCase); at >= 0; at = statement.IndexOf(relation, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : statement[at - 1];
            var end = at + relation.Length;
            var after = end >= statement.Length ? ' ' : statement[end];
            if (!IsWordCharacter(before) && !IsWordCharacter(after))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '"';

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string Time(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
