using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace MigrationKit.Data.Execution;

/// <summary>
/// Keyset reads of the source: windows of rows after the last key, in key order (row values for composite keys),
/// cut into batches and handed to a bounded channel, so that at most a few batches are in memory.
/// </summary>
internal static class SourceReader
{
    public static async Task<long> CountAsync(MovePlan plan, DbConnection connection, CancellationToken cancellationToken)
    {
        var sql = $"SELECT COUNT(*) FROM {Sql.Quote(plan.Move.SourceTable)}" + (plan.Move.Filter is { } filter ? $" WHERE ({filter})" : string.Empty);
        var command = Sql.Command(connection, null, sql);
        await using var commandScope = command.ConfigureAwait(false);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads every row after <paramref name="after"/> into batches of the move's size.</summary>
    public static async Task ReadAsync(MovePlan plan, DbConnection connection, object?[]? after, ChannelWriter<List<object?[]>> output, CancellationToken cancellationToken)
    {
        var batchSize = plan.Move.BatchSize;
        var window = Math.Max(batchSize, Math.Min(batchSize * 20, 50_000));
        var last = after;
        var batch = new List<object?[]>(batchSize);
        var columns = plan.SourceColumns.Count;
        while (true)
        {
            var command = Sql.Command(connection, null, Select(plan, last is not null));
            await using var commandScope = command.ConfigureAwait(false);
            if (last is not null)
            {
                for (var i = 0; i < last.Length; i++)
                {
                    Sql.Add(command, "k" + i.ToString(CultureInfo.InvariantCulture), plan.Move.Source.ToParameterValue(last[i]));
                }
            }

            Sql.Add(command, "limit", window);
            var read = 0;
            object?[]? lastRow = null;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var row = new object?[columns];
                    for (var i = 0; i < columns; i++)
                    {
                        var value = reader.GetValue(i);
                        row[i] = value is DBNull ? null : value;
                    }

                    batch.Add(row);
                    read++;
                    if (batch.Count == batchSize)
                    {
                        await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                        batch = new List<object?[]>(batchSize);
                    }

                    lastRow = row;
                }
            }

            // The next window starts after this one's last key (copied once per window, not once per row).
            if (lastRow is not null)
            {
                last = lastRow[..plan.KeyIndexes.Length];
            }

            if (read < window)
            {
                break;
            }
        }

        if (batch.Count > 0)
        {
            await output.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the first <paramref name="count"/> rows after <paramref name="after"/> (from the start when null).</summary>
    public static async Task<List<object?[]>> ReadFirstAsync(MovePlan plan, DbConnection connection, object?[]? after, int count, CancellationToken cancellationToken)
    {
        var command = Sql.Command(connection, null, Select(plan, after is not null));
        await using var commandScope = command.ConfigureAwait(false);
        for (var i = 0; after is not null && i < after.Length; i++)
        {
            Sql.Add(command, "k" + i.ToString(CultureInfo.InvariantCulture), plan.Move.Source.ToParameterValue(after[i]));
        }

        Sql.Add(command, "limit", count);
        var rows = new List<object?[]>(count);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[plan.SourceColumns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                var value = reader.GetValue(i);
                row[i] = value is DBNull ? null : value;
            }

            rows.Add(row);
        }

        return rows;
    }

    private static string Select(MovePlan plan, bool after)
    {
        var key = plan.KeyColumns.Select(c => Sql.Quote(c.Name)).ToArray();
        var sql = new StringBuilder("SELECT ")
            .AppendJoin(", ", plan.SourceColumns.Select(c => Sql.Quote(c.Name)))
            .Append(" FROM ").Append(Sql.Quote(plan.Move.SourceTable));
        var conditions = new List<string>();
        if (after)
        {
            var parameters = key.Select((_, i) => "@k" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            conditions.Add(key.Length == 1 ? $"{key[0]} > {parameters[0]}" : $"({string.Join(", ", key)}) > ({string.Join(", ", parameters)})");
        }

        if (plan.Move.Filter is { } filter)
        {
            conditions.Add("(" + filter + ")");
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        return sql.Append(" ORDER BY ").AppendJoin(", ", key).Append(" LIMIT @limit").ToString();
    }
}
