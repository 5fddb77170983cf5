using MigrationKit.Health;
using MigrationKit.Operations;
using MigrationKit.Providers;
using MigrationKit.Statistics;

namespace MigrationKit.Sqlite.Health;

/// <summary>
/// Reads a SQLite database's health: lists its tables from <c>sqlite_schema</c>, then reads the library version, the
/// database size (<c>page_count × page_size</c>) and every table's rows (<c>sqlite_stat1</c> or a count bounded as the
/// statistics reader bounds it) through the provider's <see cref="IDatabaseStatisticsReader"/>. What SQLite does not
/// have is named in <see cref="DatabaseHealth.NotAvailable"/>: table and index sizes (the bundled SQLite is built
/// without the <c>dbstat</c> table), dead rows and maintenance times, and other sessions' locks and transactions;
/// <see cref="DatabaseHealth.SlowStatementsUnavailable"/> says that it keeps no statement statistics.
/// </summary>
internal sealed class SqliteHealthReader(IDatabaseStatisticsReader statistics) : IDatabaseHealthReader
{
    private const string TablesSql = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";

    private static readonly string[] Missing =
    [
        "table and index sizes: the bundled SQLite is built without the dbstat virtual table, so only the whole file's size (page_count × page_size) is known",
        "dead rows and last vacuum/analyze: SQLite keeps no such statistics (free pages are reused; VACUUM and ANALYZE run only when asked)",
        "lock waits and open transactions: SQLite is a library inside each process, with no view of other connections' locks or transactions",
    ];

    public async Task<DatabaseHealth> ReadAsync(MigrationSession session, HealthOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var names = new List<QualifiedName>();
        var command = session.CreateCommand(TablesSql);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    names.Add(new QualifiedName(reader.GetString(0)));
                }
            }
        }

        var facts = await statistics.ReadAsync(session, new DatabaseStatisticsRequest(names, []) { ExactCountBelowRows = options.ExactCountBelowRows }, cancellationToken).ConfigureAwait(false);
        return new DatabaseHealth(session.Provider.DisplayName, Reachable: true)
        {
            ServerVersion = facts.ServerVersion,
            DatabaseSizeBytes = facts.DatabaseSizeBytes,
            Tables = facts.Tables.Select(TableHealth.From).ToArray(),
            SlowStatementsUnavailable = "not available: SQLite records no statement statistics (there is no pg_stat_statements equivalent)",
            NotAvailable = Missing,
        };
    }
}
