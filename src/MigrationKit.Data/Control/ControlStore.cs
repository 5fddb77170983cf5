using System.Data.Common;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Execution;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Control;

/// <summary>
/// The control tables in a target: runs (one row per move per run, updated in each batch's transaction) and the id map
/// (move, source key, target key), written in the batch's transaction with the COPY/prepared-insert writer.
/// </summary>
internal sealed class ControlStore
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
    public const string Cancelled = "cancelled";

    private static readonly DataColumn[] IdMapColumns =
    [
        new("move", DataType.Text, "text", false, 1),
        new("source_key", DataType.Text, "text", false, 2),
        new("target_key", DataType.Text, "text", false, 0),
    ];

    private static readonly DataColumn[] RejectColumns =
    [
        new("move", DataType.Text, "text", false, 1),
        new("source_key", DataType.Text, "text", false, 2),
        new("run_id", DataType.Int64, "bigint", false, 0),
        new("source_values", DataType.Text, "text", false, 0),
        new("reason", DataType.Text, "text", false, 0),
    ];

    private readonly IDataEndpoint _endpoint;
    private readonly string _rejects;
    private readonly string _runs;
    private readonly string _idMap;

    public ControlStore(IDataEndpoint endpoint, DataMoveOptions options)
    {
        _endpoint = endpoint;
        _runs = Sql.Quote(options.RunsTable);
        _idMap = Sql.Quote(options.IdMapTable);
        IdMapTable = options.IdMapTable;
        RejectsTable = options.RejectsTable;
        _rejects = Sql.Quote(options.RejectsTable);
    }

    public string RejectsTable { get; }

    public string IdMapTable { get; }

    public async Task EnsureAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var text = _endpoint.StoreType(DataType.Text);
        var int64 = _endpoint.StoreType(DataType.Int64);
        var time = _endpoint.StoreType(DataType.TimestampTz);
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {_runs} (
                move {text} NOT NULL, run_id {int64} NOT NULL, status {text} NOT NULL, batches {int64} NOT NULL, last_key {text},
                rows_read {int64} NOT NULL, rows_written {int64} NOT NULL, rows_rejected {int64} NOT NULL, checksum {int64} NOT NULL,
                started {time} NOT NULL, updated {time} NOT NULL, finished {time}, error {text},
                PRIMARY KEY (move, run_id))
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {_idMap} (
                move {text} NOT NULL, source_key {text} NOT NULL, target_key {text} NOT NULL,
                PRIMARY KEY (move, source_key))
            """, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE IF NOT EXISTS {_rejects} (
                move {text} NOT NULL, source_key {text} NOT NULL, run_id {int64} NOT NULL, source_values {text} NOT NULL, reason {text} NOT NULL,
                PRIMARY KEY (move, source_key))
            """, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteRejectsAsync(DbConnection connection, DbTransaction transaction, string move, long runId, IReadOnlyList<DataMoveReject> rejects, CancellationToken cancellationToken)
    {
        var writer = await _endpoint.CreateWriterAsync(connection, transaction, RejectsTable, RejectColumns, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var row = new object?[5];
            row[0] = move;
            row[2] = runId;
            foreach (var reject in rejects)
            {
                row[1] = reject.SourceKey;
                row[3] = reject.SourceValues;
                row[4] = reject.Reason;
                await writer.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Which of some source keys the move rejected.</summary>
    public async Task<HashSet<string>> ReadRejectedAsync(DbConnection connection, string move, IReadOnlyCollection<string> sourceKeys, CancellationToken cancellationToken)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in sourceKeys.Chunk(Sql.KeysPerLookup(_endpoint)))
        {
            var command = Sql.Command(connection, null, string.Empty);
            await using var commandScope = command.ConfigureAwait(false);
            Sql.Add(command, "move", move);
            command.CommandText = $"SELECT source_key FROM {_rejects} WHERE move = @move AND {Sql.AddKeyList(command, _endpoint, "source_key", DataType.Text, chunk, "k")}";

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(reader.GetString(0));
            }
        }

        return result;
    }

    public async Task<long> CountRejectsAsync(DbConnection connection, string move, CancellationToken cancellationToken)
    {
        var command = Sql.Command(connection, null, $"SELECT COUNT(*) FROM {_rejects} WHERE move = @move");
        await using var commandScope = command.ConfigureAwait(false);
        Sql.Add(command, "move", move);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The latest run of every move (or of one move and its <c>{move}.</c> tables); empty when the control table does not exist yet.</summary>
    public async Task<IReadOnlyList<Moves.DataMoveRun>> ListLatestAsync(DbConnection connection, string? move, CancellationToken cancellationToken)
    {
        var filter = move is null ? string.Empty : " AND (r.move = @move OR substr(r.move, 1, @length) = @prefix)";
        var command = Sql.Command(connection, null, $"SELECT r.move, r.run_id, r.status, r.batches, r.last_key, r.rows_read, r.rows_written, r.rows_rejected, r.error FROM {_runs} r WHERE r.run_id = (SELECT MAX(x.run_id) FROM {_runs} x WHERE x.move = r.move){filter} ORDER BY r.move");
        await using var commandScope = command.ConfigureAwait(false);
        if (move is not null)
        {
            Sql.Add(command, "move", move);
            Sql.Add(command, "prefix", move + ".");
            Sql.Add(command, "length", move.Length + 1);
        }

        var runs = new List<Moves.DataMoveRun>();
        DbDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // No control table: nothing has ever been moved into this database.
            return runs;
        }

        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new Moves.DataMoveRun(
                reader.GetString(0),
                Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(2),
                Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(7), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return runs;
    }

    public async Task<RunState?> LatestAsync(DbConnection connection, string move, CancellationToken cancellationToken)
    {
        var command = Sql.Command(connection, null, $"SELECT run_id, status, batches, last_key, rows_read, rows_written, rows_rejected, checksum FROM {_runs} WHERE move = @move ORDER BY run_id DESC LIMIT 1");
        await using var commandScope = command.ConfigureAwait(false);
        Sql.Add(command, "move", move);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new RunState(
            Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            reader.GetString(1),
            Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            Convert.ToInt64(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(7), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Starts a run that carries on the counters of <paramref name="previous"/>; the previous run, unfinished, is marked interrupted.</summary>
    public async Task<RunState> StartAsync(DbConnection connection, string move, RunState? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var run = new RunState((previous?.RunId ?? 0) + 1, Running, previous?.Batches ?? 0, previous?.LastKey, previous?.RowsRead ?? 0, previous?.RowsWritten ?? 0, previous?.RowsRejected ?? 0, previous?.Checksum ?? 0);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        if (previous is not null)
        {
            var mark = Sql.Command(connection, transaction, $"UPDATE {_runs} SET status = @status, updated = @now WHERE move = @move AND run_id = @run AND status = @running");
            await using var markScope = mark.ConfigureAwait(false);
            Sql.Add(mark, "status", Interrupted);
            Sql.Add(mark, "now", _endpoint.ToParameterValue(now.UtcDateTime));
            Sql.Add(mark, "move", move);
            Sql.Add(mark, "run", previous.RunId);
            Sql.Add(mark, "running", Running);
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var insert = Sql.Command(connection, transaction, $"""
            INSERT INTO {_runs} (move, run_id, status, batches, last_key, rows_read, rows_written, rows_rejected, checksum, started, updated)
            VALUES (@move, @run, @status, @batches, @last_key, @rows_read, @rows_written, @rows_rejected, @checksum, @now, @now)
            """);
        await using var insertScope = insert.ConfigureAwait(false);
        Sql.Add(insert, "move", move);
        Sql.Add(insert, "run", run.RunId);
        Sql.Add(insert, "status", Running);
        Sql.Add(insert, "batches", run.Batches);
        Sql.Add(insert, "last_key", _endpoint.ToParameterValue(run.LastKey));
        Sql.Add(insert, "rows_read", run.RowsRead);
        Sql.Add(insert, "rows_written", run.RowsWritten);
        Sql.Add(insert, "rows_rejected", run.RowsRejected);
        Sql.Add(insert, "checksum", run.Checksum);
        Sql.Add(insert, "now", _endpoint.ToParameterValue(now.UtcDateTime));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>
    /// Ends a batch: its progress row written in its transaction, the observer told while that transaction is still open,
    /// then the commit. Not cancellable: once a batch's rows are written, it commits whole or fails.
    /// </summary>
    public async Task CommitBatchAsync(DbConnection connection, DbTransaction transaction, string move, RunState state, DateTimeOffset now, DataMoveObserver? observer, DataMoveBatch batch)
    {
        await RecordBatchAsync(connection, transaction, move, state, now, CancellationToken.None).ConfigureAwait(false);
        if (observer is not null)
        {
            await observer.OnBatchWritingAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Records a batch's progress inside the batch's transaction.</summary>
    public async Task RecordBatchAsync(DbConnection connection, DbTransaction transaction, string move, RunState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Sql.Command(connection, transaction, $"""
            UPDATE {_runs} SET batches = @batches, last_key = @last_key, rows_read = @rows_read, rows_written = @rows_written, rows_rejected = @rows_rejected, checksum = @checksum, updated = @now
            WHERE move = @move AND run_id = @run AND status = @running
            """);
        await using var updateScope = update.ConfigureAwait(false);
        Sql.Add(update, "batches", state.Batches);
        Sql.Add(update, "last_key", _endpoint.ToParameterValue(state.LastKey));
        Sql.Add(update, "rows_read", state.RowsRead);
        Sql.Add(update, "rows_written", state.RowsWritten);
        Sql.Add(update, "rows_rejected", state.RowsRejected);
        Sql.Add(update, "checksum", state.Checksum);
        Sql.Add(update, "now", _endpoint.ToParameterValue(now.UtcDateTime));
        Sql.Add(update, "move", move);
        Sql.Add(update, "run", state.RunId);
        Sql.Add(update, "running", Running);
        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException($"Run {state.RunId} of data move '{move}' is no longer the running one: another process took the move over.");
        }
    }

    public async Task FinishAsync(DbConnection connection, string move, long runId, string status, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var update = Sql.Command(connection, null, $"UPDATE {_runs} SET status = @status, error = @error, updated = @now, finished = @now WHERE move = @move AND run_id = @run");
        await using var updateScope = update.ConfigureAwait(false);
        Sql.Add(update, "status", status);
        Sql.Add(update, "error", _endpoint.ToParameterValue(error));
        Sql.Add(update, "now", _endpoint.ToParameterValue(now.UtcDateTime));
        Sql.Add(update, "move", move);
        Sql.Add(update, "run", runId);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteIdMapAsync(DbConnection connection, DbTransaction transaction, string move, IReadOnlyList<(string Source, string Target)> pairs, CancellationToken cancellationToken)
    {
        var writer = await _endpoint.CreateWriterAsync(connection, transaction, IdMapTable, IdMapColumns, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            var row = new object?[3];
            row[0] = move;
            foreach (var (source, target) in pairs)
            {
                row[1] = source;
                row[2] = target;
                await writer.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The target keys that <paramref name="move"/> recorded for some source keys (those it has).</summary>
    public async Task<Dictionary<string, string>> ReadIdMapAsync(DbConnection connection, DbTransaction? transaction, string move, IReadOnlyCollection<string> sourceKeys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(sourceKeys.Count, StringComparer.Ordinal);
        foreach (var chunk in sourceKeys.Chunk(Sql.KeysPerLookup(_endpoint)))
        {
            var command = Sql.Command(connection, transaction, string.Empty);
            await using var commandScope = command.ConfigureAwait(false);
            Sql.Add(command, "move", move);
            command.CommandText = $"SELECT source_key, target_key FROM {_idMap} WHERE move = @move AND {Sql.AddKeyList(command, _endpoint, "source_key", DataType.Text, chunk, "k")}";

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

            await using var readerScope = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return result;
    }

    public async Task<long> CountIdMapAsync(DbConnection connection, string move, CancellationToken cancellationToken)
    {
        var command = Sql.Command(connection, null, $"SELECT COUNT(*) FROM {_idMap} WHERE move = @move");
        await using var commandScope = command.ConfigureAwait(false);
        Sql.Add(command, "move", move);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = Sql.Command(connection, transaction, sql);
        await using var commandScope = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
