using System.Globalization;
using System.Text;
using MigrationKit.Operations;
using MigrationKit.Providers;
using MigrationKit.Statistics;

namespace MigrationKit.Sqlite.Statistics;

/// <summary>
/// Reads a plan's statistics from SQLite: the library version, the database size (<c>page_count × page_size</c>), per
/// table the row count from <c>sqlite_stat1</c> when <c>ANALYZE</c> wrote one, otherwise a count bounded at
/// <see cref="DatabaseStatisticsRequest.ExactCountBelowRows"/> (exact below it, a lower bound at it), then the data
/// checks. SQLite is in-process: one batch of statements, after one probe for <c>sqlite_stat1</c>. Table sizes are not
/// reported (the <c>dbstat</c> table is not compiled into the bundled SQLite), and there are no other sessions to see.
/// </summary>
internal sealed class SqliteStatisticsReader(MigrationSqlGenerator generator) : IDatabaseStatisticsReader
{
    public async Task<DatabaseStatistics> ReadAsync(MigrationSession session, DatabaseStatisticsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        bool hasStat1;
        var probe = session.CreateCommand("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'");
        await using (probe.ConfigureAwait(false))
        {
            hasStat1 = Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }

        var limit = request.ExactCountBelowRows;
        var sql = new StringBuilder("SELECT sqlite_version(), (SELECT page_count FROM pragma_page_count()) * (SELECT page_size FROM pragma_page_size())");
        foreach (var table in request.Tables)
        {
            var quoted = generator.Quote(table);
            var literal = generator.Literal(table.Name);
            var stat = hasStat1 ? $"(SELECT CAST(stat AS INTEGER) FROM sqlite_stat1 WHERE tbl = {literal} LIMIT 1)" : "NULL";
            var count = request.CountExactly
                ? $"(SELECT count(*) FROM {quoted})"
                : string.Create(CultureInfo.InvariantCulture, $"(SELECT count(*) FROM (SELECT 1 FROM {quoted} LIMIT {limit}))");
            sql.Append(";\nSELECT ").Append(stat).Append(", ").Append(count);
        }

        foreach (var check in request.Checks)
        {
            sql.Append(";\n").Append(check.ToSql(generator));
        }

        var command = session.CreateCommand(sql.ToString());
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var version = reader.GetString(0);
                var size = reader.GetInt64(1);
                var tables = new List<TableStatistics>(request.Tables.Count);
                foreach (var table in request.Tables)
                {
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                    await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    tables.Add(Table(table, reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt64(1), request.CountExactly, limit));
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
                    ServerMajorVersion = int.Parse(version.Split('.')[0], CultureInfo.InvariantCulture),
                    DatabaseSizeBytes = size,
                    Tables = tables,
                    Checks = checks,
                    RoundTrips = 1,
                };
            }
        }
    }

    private static TableStatistics Table(QualifiedName name, long? stat1, long counted, bool countedAll, long limit)
    {
        if (countedAll || counted < limit)
        {
            return new TableStatistics(name, counted) { RowsExact = true, RowsSource = "exact count" };
        }

        return stat1 is { } analyzed && analyzed >= counted
            ? new TableStatistics(name, analyzed) { RowsSource = "sqlite_stat1" }
            : new TableStatistics(name, counted) { RowsSource = TableStatistics.BoundedCount };
    }
}
