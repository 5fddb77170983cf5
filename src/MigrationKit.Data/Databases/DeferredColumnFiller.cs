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
/// parent's key was remapped, written with one prepared <c>UPDATE</c> per row in a transaction per batch. Each batch
/// commits with its progress row in a marker run (<c>&lt;table move&gt;.deferred.&lt;column&gt;</c>) and goes through the
/// move's observer as a table move's batch does, so a run killed half way resumes after the last committed batch (and
/// setting a column to its value is idempotent anyway); the marker's completed run records that it is done.
/// </summary>
internal static class DeferredColumnFiller
{
    public static string MarkerName(TableMove table, DeferredColumn column) => DatabaseMovePlanner.MoveName(table.Move.Name + ".deferred", column.Column.Name);

    /// <returns>The rows this run updated (those after the last batch an earlier run committed), or null when an earlier run had filled the column.</returns>
    public static async Task<long?> FillAsync(TableMove table, DeferredColumn column, ControlStore control, DataMoveOptions options, CancellationToken cancellationToken)
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

        var state = await control.StartAsync(target, marker, latest, options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var source = await move.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var sourceScope = source.ConfigureAwait(false);
        object? after = null;
        if (state.LastKey is { } lastKey)
        {
            var keyColumn = (await move.Source.DescribeTableAsync(source, move.SourceTable, cancellationToken).ConfigureAwait(false))
                .First(c => string.Equals(c.Name, column.SourceKey, StringComparison.OrdinalIgnoreCase));
            after = KeyText.FromProgress(lastKey, [keyColumn])[0];
        }

        var conditions = new List<string>(2);
        if (move.Filter is { } filter)
        {
            conditions.Add($"({filter})");
        }

        if (after is not null)
        {
            conditions.Add($"{Sql.Quote(column.SourceKey)} > @after");
        }

        var select = Sql.Command(
            source,
            null,
            $"SELECT {Sql.Quote(column.SourceKey)}, {Sql.Quote(column.SourceColumn)} FROM {Sql.Quote(move.SourceTable)}"
            + (conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : string.Empty) + $" ORDER BY {Sql.Quote(column.SourceKey)}");
        await using var selectScope = select.ConfigureAwait(false);
        if (after is not null)
        {
            Sql.Add(select, "after", move.Source.ToParameterValue(after));
        }

        var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        long updated = 0;
        var batch = new List<(object Key, object? Value)>(move.BatchSize);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Add((reader.GetValue(0), reader.IsDBNull(1) ? null : reader.GetValue(1)));
            if (batch.Count == move.BatchSize)
            {
                (state, var rows) = await WriteAsync(table, column, control, options, target, state, batch, cancellationToken).ConfigureAwait(false);
                updated += rows;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            (state, var rows) = await WriteAsync(table, column, control, options, target, state, batch, cancellationToken).ConfigureAwait(false);
            updated += rows;
        }

        await control.FinishAsync(target, marker, state.RunId, ControlStore.Completed, null, options.TimeProvider.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Updates one batch's rows and records its progress in one transaction, with the observer's calls a table move's batch has.</summary>
    private static async Task<(RunState State, long Updated)> WriteAsync(TableMove table, DeferredColumn column, ControlStore control, DataMoveOptions options, DbConnection target, RunState state, List<(object Key, object? Value)> batch, CancellationToken cancellationToken)
    {
        var move = table.Move;
        var marker = MarkerName(table, column);
        var lastKey = KeyText.ForProgress([batch[^1].Key], [0]);
        var info = new DataMoveBatch(marker, state.RunId, state.Batches + 1, batch.Count, lastKey);
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

        var next = state with { Batches = state.Batches + 1, LastKey = lastKey, RowsRead = state.RowsRead + batch.Count, RowsWritten = state.RowsWritten + updated };
        try
        {
            await control.CommitBatchAsync(target, transaction, marker, next, options.TimeProvider.GetUtcNow(), options.Observer, info).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            throw new DataMoveException(
                move.Name,
                info.Number,
                $"Data move '{move.Name}' could not commit batch {info.Number} of the deferred column '{column.Column.Name}' of '{table.TargetTable}' (up to key {lastKey}): {e.Message} "
                + "The batch was rolled back and the batches before it are kept; fix the cause and run the move again to resume.",
                e);
        }

        if (options.Observer is { } committed)
        {
            await committed.OnBatchCommittedAsync(info, CancellationToken.None).ConfigureAwait(false);
        }

        return (next, updated);
    }
}
