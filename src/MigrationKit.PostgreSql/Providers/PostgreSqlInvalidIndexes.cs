using MigrationKit.Providers;

namespace MigrationKit.PostgreSql;

/// <summary>
/// Finds INVALID indexes (<c>pg_index.indisvalid = false</c>): what an interrupted <c>CREATE INDEX CONCURRENTLY</c>
/// leaves behind (the process killed, the statement cancelled or its connection ended). Such an index is maintained on
/// every write but never used by queries, and a rerun of the same statement fails because the name is taken.
/// </summary>
internal static class PostgreSqlInvalidIndexes
{
    private const string Sql =
        "SELECT n.nspname, ic.relname, tn.nspname, tc.relname"
        + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace"
        + " JOIN pg_catalog.pg_class tc ON tc.oid = i.indrelid JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace"
        + " WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'"
        + " ORDER BY n.nspname, ic.relname";

    /// <summary>Each invalid index, named with its table and the statement that drops it.</summary>
    /// <param name="session">The session.</param>
    /// <param name="generator">Quotes the names.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The descriptions; empty when there are none.</returns>
    public static async Task<IReadOnlyList<string>> FindAsync(MigrationSession session, PostgreSqlSqlGenerator generator, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        var command = session.CreateCommand(Sql);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var index = generator.QuoteIdentifier(reader.GetString(0)) + "." + generator.QuoteIdentifier(reader.GetString(1));
                    var table = generator.QuoteIdentifier(reader.GetString(2)) + "." + generator.QuoteIdentifier(reader.GetString(3));
                    found.Add($"INVALID index {index} on {table} (left by an interrupted CREATE INDEX CONCURRENTLY): drop it with DROP INDEX CONCURRENTLY {index};");
                }
            }
        }

        return found;
    }
}
