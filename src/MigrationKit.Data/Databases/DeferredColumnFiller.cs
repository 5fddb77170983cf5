using System.Data.Common;
using System.Globalization;
using MigrationKit.Data.Control;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Execution;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Databases;

/// <summary>
/// Fills in a column that a database move loaded as NULL to break a foreign-key cycle: the source values streamed in
/// key order, each row's target key taken from the table's id map and the value through the parent's id map when the
/// parent's key was remapped, written with one prepared <c>UPDATE</c> per row in a transaction per batch. Setting a
/// column to its value is idempotent, so a run killed half way fills it again; a marker row in the runs table
/// (<c>&lt;table move&gt;.deferred.&lt;column&gt;</c>) records that it is done.
/// </summary>
internal static class DeferredColumnFiller
{
    public static string MarkerName(TableMove table, DeferredColumn column) => DatabaseMovePlanner.MoveName(table.Move.Name + ".deferred", column.Column.Name);

    /// <returns>The rows updated, or null when an earlier run had filled the column.</returns>
    public static async Task<long?> FillAsync(TableMove table, DeferredColumn column, ControlStore control, TimeProvider clock, CancellationToken cancellationToken)
    {
        var move = table.Move;
        var marker = MarkerName(table, column);
        var target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var targetScope = target.ConfigureAwait(false);
        await control.EnsureAsync(target, cancellationToken).ConfigureAwait(false);
        var latest = await control.LatestAsync(target, marker, cancellationToken).ConfigureAwait(false);
        if (latest is { Status: ControlStore.Completed })
        {
            return null;
        }

        var state = await control.StartAsync(target, marker, latest, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var source = await move.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var sourceScope = source.ConfigureAwait(false);
        var select = Sql.Command(
            source,
            null,
            $"SELECT {Sql.Quote(column.SourceKey)}, {Sql.Quote(column.SourceColumn)} FROM {Sql.Quote(move.SourceTable)}"
            + (move.Filter is { } filter ? $" WHERE ({filter})" : string.Empty) + $" ORDER BY {Sql.Quote(column.SourceKey)}");
        await using var selectScope = select.ConfigureAwait(false);
        var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        long updated = 0;
        var batch = new List<(object Key, object? Value)>(move.BatchSize);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Add((reader.GetValue(0), reader.IsDBNull(1) ? null : reader.GetValue(1)));
            if (batch.Count == move.BatchSize)
            {
                updated += await WriteAsync(table, column, control, target, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            updated += await WriteAsync(table, column, control, target, batch, cancellationToken).ConfigureAwait(false);
        }

        await control.FinishAsync(target, marker, state.RunId, ControlStore.Completed, null, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return updated;
    }

    private static async Task<long> WriteAsync(TableMove table, DeferredColumn column, ControlStore control, DbConnection target, List<(object Key, object? Value)> batch, CancellationToken cancellationToken)
    {
        var move = table.Move;
        var ownMap = await control.ReadIdMapAsync(target, null, move.Name, batch.Select(r => KeyText.Text(r.Key)).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var parentMap = column.Converter is { Kind: DataConverterKind.ViaIdMap } via
            ? await control.ReadIdMapAsync(target, null, via.MoveName!, batch.Where(r => r.Value is not null).Select(r => KeyText.Text(r.Value)).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false)
            : null;
        var transaction = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        var update = Sql.Command(target, transaction, $"UPDATE {Sql.Quote(table.TargetTable)} SET {Sql.Quote(column.Column.Name)} = @value WHERE {Sql.Quote(column.TargetKey!.Name)} = @key");
        await using var updateScope = update.ConfigureAwait(false);
        var value = Sql.Add(update, "value", DBNull.Value);
        var key = Sql.Add(update, "key", DBNull.Value);
        long updated = 0;
        foreach (var row in batch)
        {
            // A row the move rejected has no target row.
            if (!ownMap.TryGetValue(KeyText.Text(row.Key), out var targetKey))
            {
                continue;
            }

            object? converted = row.Value;
            if (parentMap is not null && row.Value is not null && !parentMap.TryGetValue(KeyText.Text(row.Value), out var mapped))
            {
                throw new DataMoveException(
                    move.Name,
                    0,
                    $"Data move '{move.Name}' cannot fill in the deferred column '{column.Column.Name}' of '{table.TargetTable}': row {column.SourceKey}={ValueConverter.Describe(row.Key)} references {ValueConverter.Describe(row.Value)}, which the id map of move '{column.Converter!.MoveName}' does not hold (the parent row was not moved). "
                    + "The rows filled so far are kept; fix the source row or move the parent, then run the move again.",
                    null);
            }
            else if (parentMap is not null && row.Value is not null)
            {
                converted = parentMap[KeyText.Text(row.Value)];
            }

            try
            {
                value.Value = move.Target.ToParameterValue(ValueConverter.To(converted, column.Column.Type));
                key.Value = move.Target.ToParameterValue(ValueConverter.To(targetKey, column.TargetKey.Type));
            }
            catch (ValueConversionException e)
            {
                throw new DataMoveException(move.Name, 0, $"Data move '{move.Name}' cannot fill in the deferred column '{column.Column.Name}' of '{table.TargetTable}': row {column.SourceKey}={ValueConverter.Describe(row.Key)} has value {ValueConverter.Describe(converted)}, which is not a {column.Column.StoreType} ({e.Message}). Fix the source row, then run the move again.", e);
            }

            updated += await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }

}
