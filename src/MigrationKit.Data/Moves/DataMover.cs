using System.Data.Common;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationKit.Data.Control;
using MigrationKit.Data.Diagnostics;
using MigrationKit.Data.Execution;
using MigrationKit.Data.Validation;

namespace MigrationKit.Data.Moves;

/// <summary>
/// Runs and validates <see cref="DataMove"/>s. Each batch is written in one target transaction together with its
/// id-map rows and its progress row, so a run killed at any moment resumes after the last committed batch on the next
/// run, with no duplicate and no gap. Reading, converting and writing overlap through a bounded buffer: memory does not
/// grow with the table.
/// </summary>
public sealed class DataMover
{
    private readonly DataMoveOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a mover.</summary>
    /// <param name="options">Control table names, buffering, observer and clock; the defaults when null.</param>
    /// <param name="loggerFactory">Where logs go; nowhere when null.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public DataMover(DataMoveOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _options = options ?? new DataMoveOptions();
        _options.Validate();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MigrationKit.Data.DataMover");
    }

    /// <summary>Runs a move, or resumes it after the last batch an earlier run committed.</summary>
    /// <param name="move">The move.</param>
    /// <param name="progress">Receives progress after each committed batch.</param>
    /// <param name="cancellationToken">Stops the move after the batch being written commits; the next run resumes there.</param>
    /// <returns>What the run did.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases (a table or column is missing, the key is not mapped …); nothing was moved.</exception>
    /// <exception cref="DataMoveRowException">A row cannot be converted; the batches before it are kept.</exception>
    /// <exception cref="DataMoveException">The target refused a batch; the batches before it are kept.</exception>
    /// <exception cref="OperationCanceledException">The move was cancelled; the batches committed are kept.</exception>
    /// <exception cref="MigrationKit.Checkpoints.CheckpointException">The checkpoint asked for with <see cref="DataMoveBuilder.CheckpointFirst"/> failed; nothing was moved.</exception>
    /// <exception cref="DataMoveInProgressException">Another run of the same move holds it (in this process or another); nothing was read or written.</exception>
    public async Task<DataMoveResult> RunAsync(DataMove move, IProgress<DataMoveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        var clock = _options.TimeProvider;
        var started = clock.GetTimestamp();
        var moveLock = await LockAsync(move.Target, move.Name, cancellationToken).ConfigureAwait(false);
        await using var moveLockScope = moveLock.ConfigureAwait(false);
        var source = await move.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var sourceScope = source.ConfigureAwait(false);
        var target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var targetScope = target.ConfigureAwait(false);

        var plan = await MovePlan.ResolveAsync(move, source, target, cancellationToken).ConfigureAwait(false);
        var control = new ControlStore(move.Target, _options);
        await control.EnsureAsync(target, cancellationToken).ConfigureAwait(false);
        var latest = await control.LatestAsync(target, move.Name, cancellationToken).ConfigureAwait(false);
        if (latest is { Status: ControlStore.Completed })
        {
            Log.MoveAlreadyCompleted(_logger, move.Name, latest.RunId);
            return new DataMoveResult(move.Name, DataMoveStatus.AlreadyCompleted, latest.RunId, latest.Batches, latest.Batches, latest.RowsRead, latest.RowsWritten, latest.RowsRejected, [], latest.Checksum, clock.GetElapsedTime(started));
        }

        var checkpoint = latest is null && move.RollbackManager is { } rollback
            ? await rollback.CreateCheckpointAsync(MigrationKit.Checkpoints.CheckpointKind.Milestone, MigrationKit.Checkpoints.CheckpointLevel.Full, $"before data move '{move.Name}'", cancellationToken).ConfigureAwait(false)
            : null;
        var total = await SourceReader.CountAsync(plan, source, cancellationToken).ConfigureAwait(false);
        var transformer = new RowTransformer(plan, control, validating: false);
        await transformer.LoadLookupsAsync(target, cancellationToken).ConfigureAwait(false);
        var state = await control.StartAsync(target, move.Name, latest, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var resumedFrom = state.Batches;
        var rowsBefore = state.RowsRead;
        Log.MoveStarting(_logger, move.Name, state.RunId, move.Source.DisplayName, move.Target.DisplayName, total, resumedFrom);
        progress?.Report(new DataMoveProgress(move.Name, move.TargetTable, DataMovePhase.Preparing, state.RowsRead, total, 0, null));

        var rejects = new List<DataMoveReject>();
        var after = state.LastKey is null ? null : KeyText.FromProgress(state.LastKey, plan.KeyColumns);
        var channel = Channel.CreateBounded<List<object?[]>>(new BoundedChannelOptions(_options.BufferedBatches) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            async () =>
            {
                try
                {
                    await SourceReader.ReadAsync(plan, source, after, channel.Writer, stopReading.Token).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    channel.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);

        // Without per-batch look-ups in the target, batches are converted (and their keys and hashes computed) on
        // another thread while the writer writes the one before: the target then waits on the writer, not on conversion.
        var convertingAhead = !transformer.ReadsTargetPerBatch;
        var prepared = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(_options.BufferedBatches) { SingleReader = true, SingleWriter = true });
        var converting = convertingAhead
            ? Task.Run(
                async () =>
                {
                    try
                    {
                        await foreach (var batch in channel.Reader.ReadAllAsync(stopReading.Token).ConfigureAwait(false))
                        {
                            await prepared.Writer.WriteAsync(PreparedBatch.Prepare(plan, transformer, batch), stopReading.Token).ConfigureAwait(false);
                        }

                        prepared.Writer.TryComplete();
                    }
                    catch (Exception e)
                    {
                        prepared.Writer.TryComplete(e);
                    }
                },
                CancellationToken.None)
            : Task.CompletedTask;

        try
        {
            await foreach (var batch in PreparedBatchesAsync(convertingAhead ? prepared.Reader : null, channel.Reader, plan, transformer, target).ConfigureAwait(false))
            {
                state = await WriteBatchAsync(plan, control, target, batch, state, rejects).ConfigureAwait(false);
                progress?.Report(ProgressOf(move, DataMovePhase.Moving, state.RowsRead, total, state.RowsRead - rowsBefore, clock.GetElapsedTime(started)));

                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (Exception e)
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await converting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var cancelled = e is OperationCanceledException && cancellationToken.IsCancellationRequested;
            if (cancelled)
            {
                Log.MoveCancelled(_logger, move.Name, state.RunId, state.Batches);
            }
            else
            {
                Log.MoveFailed(_logger, e, move.Name, state.RunId, state.Batches);
            }

            try
            {
                await control.FinishAsync(target, move.Name, state.RunId, cancelled ? ControlStore.Cancelled : ControlStore.Failed, cancelled ? null : e.Message, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // The run row stays 'running'; the next run marks it interrupted. The original failure matters more.
            }

            throw;
        }

        await reading.ConfigureAwait(false);
        await converting.ConfigureAwait(false);
        await control.FinishAsync(target, move.Name, state.RunId, ControlStore.Completed, null, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        var elapsed = clock.GetElapsedTime(started);
        Log.MoveCompleted(_logger, move.Name, state.RunId, state.RowsWritten, state.Batches, (long)elapsed.TotalMilliseconds);
        progress?.Report(ProgressOf(move, DataMovePhase.Completed, state.RowsRead, total, state.RowsRead - rowsBefore, elapsed, finished: true));
        return new DataMoveResult(move.Name, DataMoveStatus.Completed, state.RunId, resumedFrom, state.Batches, state.RowsRead, state.RowsWritten, state.RowsRejected, rejects, state.Checksum, elapsed) { Checkpoint = checkpoint };
    }

    /// <summary>
    /// The latest run of every move recorded in <paramref name="target"/>'s control table, or of one move (a
    /// whole-database move's name lists its tables' moves too): status, batches, the key a rerun resumes from, counts
    /// and error. Reads only; empty when nothing was ever moved into the database.
    /// </summary>
    /// <param name="target">The database moves were written into.</param>
    /// <param name="move">A move's name, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The runs, by move name.</returns>
    public async Task<IReadOnlyList<DataMoveRun>> GetRunsAsync(Endpoints.IDataEndpoint target, string? move = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = await target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await new ControlStore(target, _options).ListLatestAsync(connection, move, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Compares a move's source and target: counts, one target row per source row through the id map, and content
    /// checksums of the mapped values per key range (a batch of keys), bisected on mismatch down to the differing keys.
    /// </summary>
    /// <param name="move">The move, as it was run.</param>
    /// <param name="progress">
    /// Told after each key range is compared (<see cref="DataMovePhase.Validating"/>: source rows compared of the source's
    /// count, rows per second, time left), and once at the end with every row compared; may be null.
    /// </param>
    /// <param name="maxDifferences">The most differing rows to list; the comparison stops counting there.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    public async Task<DataMoveValidationReport> ValidateAsync(DataMove move, IProgress<DataMoveProgress>? progress = null, int maxDifferences = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDifferences, 1);
        var source = await move.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var sourceScope = source.ConfigureAwait(false);
        var target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var targetScope = target.ConfigureAwait(false);
        var plan = await MovePlan.ResolveAsync(move, source, target, cancellationToken).ConfigureAwait(false);
        var control = new ControlStore(move.Target, _options);
        await control.EnsureAsync(target, cancellationToken).ConfigureAwait(false);

        var clock = _options.TimeProvider;
        var started = clock.GetTimestamp();
        var validator = new MoveValidator(plan, control, target, maxDifferences);
        var sourceRows = await SourceReader.CountAsync(plan, source, cancellationToken).ConfigureAwait(false);
        var idMapRows = await control.CountIdMapAsync(target, move.Name, cancellationToken).ConfigureAwait(false);
        var rejectedRows = await control.CountRejectsAsync(target, move.Name, cancellationToken).ConfigureAwait(false);
        var tableRows = await validator.CountTargetTableAsync(cancellationToken).ConfigureAwait(false);
        await validator.LoadAsync(cancellationToken).ConfigureAwait(false);

        var channel = Channel.CreateBounded<List<object?[]>>(new BoundedChannelOptions(_options.BufferedBatches) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            async () =>
            {
                try
                {
                    await SourceReader.ReadAsync(plan, source, null, channel.Writer, stopReading.Token).ConfigureAwait(false);
                    channel.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    channel.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);
        try
        {
            long compared = 0;
            await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await validator.CompareAsync(chunk, cancellationToken).ConfigureAwait(false);
                compared += chunk.Count;
                progress?.Report(ProgressOf(move, DataMovePhase.Validating, compared, sourceRows, compared, clock.GetElapsedTime(started)));
            }

            progress?.Report(ProgressOf(move, DataMovePhase.Validating, compared, sourceRows, compared, clock.GetElapsedTime(started), finished: true));
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var report = new DataMoveValidationReport(move.Name, sourceRows, idMapRows, rejectedRows, validator.TargetRows, tableRows, validator.Ranges, validator.RangesBisected, validator.Differences);
        Log.ValidationCompleted(_logger, move.Name, sourceRows, validator.TargetRows, validator.Differences.Count);
        return report;
    }

    /// <summary>
    /// Runs a whole-database move, or resumes it: each table's move in foreign-key order (parents first, each resumable
    /// after its last committed batch), the deferred columns, then the key generators moved past the highest key and
    /// the foreign keys checked for orphans (and validated where the engine held them as not validated).
    /// </summary>
    /// <param name="move">The database move.</param>
    /// <param name="progress">Receives each table's progress after each committed batch.</param>
    /// <param name="cancellationToken">Stops the move after the batch being written commits; the next run resumes there.</param>
    /// <returns>What the run did, table by table.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases (a table is missing in the target …); nothing was moved.</exception>
    /// <exception cref="Databases.DataMoveCycleException">The target's foreign keys form a cycle that no <c>DeferColumn</c> breaks; nothing was moved.</exception>
    /// <exception cref="DataMoveRowException">A row cannot be converted; the batches before it are kept.</exception>
    /// <exception cref="DataMoveException">The target refused a batch; the batches before it are kept.</exception>
    /// <exception cref="OperationCanceledException">The move was cancelled; the batches committed are kept.</exception>
    /// <exception cref="MigrationKit.Checkpoints.CheckpointException">The checkpoint asked for with <see cref="Databases.DatabaseMoveBuilder.CheckpointFirst"/> failed; nothing was moved.</exception>
    /// <exception cref="DataMoveInProgressException">Another run of the same database move, or of one of its tables' moves, holds it; that table and the ones after it were not moved.</exception>
    public async Task<Databases.DatabaseMoveResult> RunAsync(Databases.DatabaseMove move, IProgress<DataMoveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        var moveLock = await LockAsync(move.Target, move.Name, cancellationToken).ConfigureAwait(false);
        await using var moveLockScope = moveLock.ConfigureAwait(false);
        return await new Databases.DatabaseMoveRunner(this, _options, _logger).RunAsync(move, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates every table of a whole-database move (see <see cref="ValidateAsync(DataMove, IProgress{DataMoveProgress}, int, CancellationToken)"/>) and checks its foreign keys for orphans.</summary>
    /// <param name="move">The database move, as it was run.</param>
    /// <param name="progress">Told as each table's validation goes (each report names its table's move); may be null.</param>
    /// <param name="maxDifferences">The most differing rows to list per table.</param>
    /// <param name="cancellationToken">Cancels the validation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    public Task<Databases.DatabaseMoveValidationReport> ValidateAsync(Databases.DatabaseMove move, IProgress<DataMoveProgress>? progress = null, int maxDifferences = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDifferences, 1);
        return new Databases.DatabaseMoveRunner(this, _options, _logger).ValidateAsync(move, progress, maxDifferences, cancellationToken);
    }

    /// <summary>A progress report: the rate counts only the rows of this call (a resumed run's earlier rows took no time in it).</summary>
    private static DataMoveProgress ProgressOf(DataMove move, DataMovePhase phase, long done, long total, long doneThisCall, TimeSpan elapsed, bool finished = false)
    {
        var rate = elapsed.TotalSeconds > 0 ? doneThisCall / elapsed.TotalSeconds : 0;
        TimeSpan? remaining = finished ? TimeSpan.Zero : rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - done) / rate) : null;
        return new DataMoveProgress(move.Name, move.TargetTable, phase, done, total, rate, remaining);
    }

    /// <summary>
    /// Profiles a move's source rows against its mapping without moving anything: per mapped column the NULLs,
    /// distinct values, minimum and maximum, and the values that would fail conversion to the target column's type,
    /// with a count and examples. Reads every source row once; writes nothing.
    /// </summary>
    /// <param name="move">The move.</param>
    /// <param name="examples">The most failing values to list per column.</param>
    /// <param name="cancellationToken">Cancels the profile.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    public Task<Preview.DataMoveProfile> ProfileAsync(DataMove move, int examples = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        return new Preview.MovePreviewer(_options).ProfileAsync(move, examples, cancellationToken);
    }

    /// <summary>Profiles every table of a whole-database move (see <see cref="ProfileAsync(DataMove, int, CancellationToken)"/>), in load order; writes nothing.</summary>
    /// <param name="move">The database move.</param>
    /// <param name="examples">The most failing values to list per column.</param>
    /// <param name="cancellationToken">Cancels the profile.</param>
    /// <returns>One profile per table, parents first.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    /// <exception cref="Databases.DataMoveCycleException">The target's foreign keys form a cycle that no <c>DeferColumn</c> breaks.</exception>
    public async Task<IReadOnlyList<Preview.DataMoveProfile>> ProfileAsync(Databases.DatabaseMove move, int examples = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentOutOfRangeException.ThrowIfNegative(examples);
        var resolved = await Databases.DatabaseMovePlanner.ResolveAsync(move, _options, cancellationToken).ConfigureAwait(false);
        var profiles = new List<Preview.DataMoveProfile>(resolved.Tables.Count);
        foreach (var table in resolved.Tables)
        {
            profiles.Add(await new Preview.MovePreviewer(_options).ProfileAsync(table.Move, examples, cancellationToken).ConfigureAwait(false));
        }

        return profiles;
    }

    /// <summary>
    /// Plans a move without moving anything: source rows, rows earlier runs moved, batches left, the mapping in words,
    /// and an estimate timed on a sample (the next batch, up to 1,000 rows, read, converted and written in a target
    /// transaction that is rolled back), with the risk and its reasons. The rolled-back write leaves no row, but a
    /// PostgreSQL sequence of a target column the move does not write may have advanced.
    /// </summary>
    /// <param name="move">The move.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    public Task<Preview.DataMovePlan> PlanAsync(DataMove move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        return new Preview.MovePreviewer(_options).PlanAsync(move, cancellationToken);
    }

    /// <summary>Maps the first rows of a move as it would write them, and writes nothing; a row that would fail carries the reason.</summary>
    /// <param name="move">The move.</param>
    /// <param name="rows">How many source rows, from the start of the key order.</param>
    /// <param name="cancellationToken">Cancels the dry run.</param>
    /// <returns>The mapped rows.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    public Task<Preview.DataMoveDryRun> DryRunAsync(DataMove move, int rows = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        return new Preview.MovePreviewer(_options).DryRunAsync(move, rows, cancellationToken);
    }

    /// <summary>
    /// Plans a whole-database move without moving anything (see <see cref="PlanAsync(DataMove, CancellationToken)"/>),
    /// table by table in load order. A table whose rows refer to parents this move has not filled yet is sampled by
    /// reading and converting only; its estimate borrows the write time per row measured on a table planned before it.
    /// </summary>
    /// <param name="move">The database move.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    /// <exception cref="Databases.DataMoveCycleException">The target's foreign keys form a cycle that no <c>DeferColumn</c> breaks.</exception>
    public async Task<Databases.DatabaseMovePlan> PlanAsync(Databases.DatabaseMove move, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        var resolved = await Databases.DatabaseMovePlanner.ResolveAsync(move, _options, cancellationToken).ConfigureAwait(false);
        var unfinished = await UnfinishedAsync(move, resolved, cancellationToken).ConfigureAwait(false);
        var previewer = new Preview.MovePreviewer(_options);
        var plans = new List<Preview.DataMovePlan>(resolved.Tables.Count);
        (double SecondsPerRow, string Table)? measured = null;
        foreach (var table in resolved.Tables)
        {
            var parents = resolved.ForeignKeys
                .Where(f => Same(f.Table, table.TargetTable) && !Same(f.ReferencedTable, table.TargetTable)
                    && !f.Columns.Any(c => table.Deferred.Any(d => Same(d.Column.Name, c))))
                .Select(f => resolved.Tables.First(t => Same(t.TargetTable, f.ReferencedTable)))
                .Where(parent => unfinished.Contains(parent.Move.Name))
                .Distinct()
                .ToList();
            var pending = parents.Count == 0
                ? null
                : new Preview.PendingParents([.. parents.Select(p => p.TargetTable)], parents.Select(p => p.Move.Name).ToHashSet(StringComparer.Ordinal), measured?.SecondsPerRow, measured?.Table);
            var plan = await previewer.PlanAsync(table.Move, cancellationToken, pending).ConfigureAwait(false);
            if (pending is null && plan.SampleRows > 0 && plan.EstimatedDuration is not null)
            {
                measured = (plan.SampleElapsed.TotalSeconds / plan.SampleRows, table.TargetTable);
            }

            plans.Add(plan);
        }

        return new Databases.DatabaseMovePlan(move.Name, plans, [.. resolved.Tables.SelectMany(t => t.Deferred.Select(d => t.TargetTable + "." + d.Column.Name))]);
    }

    /// <summary>
    /// Maps the first rows of every table of a whole-database move as the run would write them (see
    /// <see cref="DryRunAsync(DataMove, int, CancellationToken)"/>), in load order; writes nothing. A reference through
    /// the id map of a table the move has not filled yet shows as pending (the new key does not exist yet).
    /// </summary>
    /// <param name="move">The database move.</param>
    /// <param name="rows">How many source rows of each table, from the start of its key order.</param>
    /// <param name="cancellationToken">Cancels the dry run.</param>
    /// <returns>One dry run per table, parents first.</returns>
    /// <exception cref="DataMoveDefinitionException">The move does not fit the databases.</exception>
    /// <exception cref="Databases.DataMoveCycleException">The target's foreign keys form a cycle that no <c>DeferColumn</c> breaks.</exception>
    public async Task<IReadOnlyList<Preview.DataMoveDryRun>> DryRunAsync(Databases.DatabaseMove move, int rows = 10, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var resolved = await Databases.DatabaseMovePlanner.ResolveAsync(move, _options, cancellationToken).ConfigureAwait(false);
        var unfinished = await UnfinishedAsync(move, resolved, cancellationToken).ConfigureAwait(false);
        var previewer = new Preview.MovePreviewer(_options);
        var runs = new List<Preview.DataMoveDryRun>(resolved.Tables.Count);
        foreach (var table in resolved.Tables)
        {
            runs.Add(await previewer.DryRunAsync(table.Move, rows, cancellationToken, unfinished).ConfigureAwait(false));
        }

        return runs;
    }

    /// <summary>The move's lock in its target, when the target can lock moves (both built-in endpoints can); a no-op otherwise.</summary>
    private async ValueTask<IAsyncDisposable> LockAsync(Endpoints.IDataEndpoint target, string move, CancellationToken cancellationToken) =>
        target is Endpoints.IDataMoveLocking locking
            ? await locking.LockMoveAsync(move, _options.MoveLockWait, cancellationToken).ConfigureAwait(false)
            : NoLock.Instance;

    /// <summary>
    /// The batches to write, converted: by the converting stage when it runs ahead (<paramref name="ahead"/>), or here,
    /// batch by batch, after fetching the id-map entries each needs from the target.
    /// </summary>
    private static async IAsyncEnumerable<PreparedBatch> PreparedBatchesAsync(ChannelReader<PreparedBatch>? ahead, ChannelReader<List<object?[]>> read, MovePlan plan, RowTransformer transformer, DbConnection target)
    {
        if (ahead is not null)
        {
            await foreach (var batch in ahead.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return batch;
            }

            yield break;
        }

        await foreach (var batch in read.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            await transformer.PrepareAsync(batch, target, null, CancellationToken.None).ConfigureAwait(false);
            yield return PreparedBatch.Prepare(plan, transformer, batch);
        }
    }

    private async Task<RunState> WriteBatchAsync(MovePlan plan, ControlStore control, DbConnection target, PreparedBatch prepared, RunState state, List<DataMoveReject> runRejects)
    {
        var move = plan.Move;
        var batch = prepared.Sources;

        // Converted before the transaction opens: a bad row fails the batch without touching the target (or, with an
        // error budget, becomes a reject).
        var rows = new List<object?[]>(batch.Count);
        var sources = new List<object?[]>(batch.Count);
        var converted = new List<int>(batch.Count);
        var rejects = new List<DataMoveReject>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (prepared.Failures[i] is { } e)
            {
                if (!move.HasErrorBudget)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
                }

                rejects.Add(Reject(plan, batch[i], $"column '{e.Column}' has value {e.Value}, which is not a {e.ExpectedType} for target column '{e.TargetColumn}' ({e.InnerException?.Message})"));
                CheckBudget(move, state, batch.Count, rejects.Count, e);
                continue;
            }

            rows.Add(prepared.Rows[i]!);
            sources.Add(batch[i]);
            converted.Add(i);
        }

        var lastKey = KeyText.ForProgress(batch[^1], plan.KeyIndexes);
        var info = new DataMoveBatch(move.Name, state.RunId, state.Batches + 1, batch.Count, lastKey);
        RunState next;

        // From here on the batch finishes even when the move is cancelled: cancellation stops between batches.
        var transaction = await target.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                var written = move.HasErrorBudget
                    ? await WriteIsolatingAsync(plan, target, transaction, rows, sources, rejects, state, batch.Count).ConfigureAwait(false)
                    : await WriteRowsAsync(plan, target, transaction, rows).ConfigureAwait(false);
                var scratch = new StringBuilder(256);
                long checksum = 0;
                var pairs = new (string Source, string Target)[written.Count];
                for (var i = 0; i < written.Count; i++)
                {
                    var index = converted[written[i]];
                    if (prepared.SourceKeys[index] is { } sourceKey)
                    {
                        pairs[i] = (sourceKey, prepared.TargetKeys[index]!);
                        checksum = unchecked(checksum + prepared.Hashes[index]);
                    }
                    else
                    {
                        pairs[i] = (KeyText.ForMap(sources[written[i]], plan.KeyIndexes), KeyText.ForMap(rows[written[i]], plan.TargetKeyIndexes));
                        checksum = unchecked(checksum + RowHash.Compute(scratch, rows[written[i]], plan.TargetTypes));
                    }
                }

                next = state with
                {
                    Batches = state.Batches + 1,
                    LastKey = lastKey,
                    RowsRead = state.RowsRead + batch.Count,
                    RowsWritten = state.RowsWritten + written.Count,
                    RowsRejected = state.RowsRejected + rejects.Count,
                    Checksum = unchecked(state.Checksum + checksum),
                };
                await control.WriteIdMapAsync(target, transaction, move.Name, pairs, CancellationToken.None).ConfigureAwait(false);
                if (rejects.Count > 0)
                {
                    await control.WriteRejectsAsync(target, transaction, move.Name, state.RunId, rejects, CancellationToken.None).ConfigureAwait(false);
                }

                await control.CommitBatchAsync(target, transaction, move.Name, next, _options.TimeProvider.GetUtcNow(), _options.Observer, info).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                throw new DataMoveException(
                    move.Name,
                    info.Number,
                    $"Data move '{move.Name}' could not write batch {info.Number} ({batch.Count} row(s) of '{move.SourceTable}' up to key {lastKey}) into '{move.TargetTable}' on {move.Target.DisplayName}: {e.Message} "
                    + $"The batch was rolled back and the {state.Batches} batch(es) before it are kept; fix the cause and run the move again to resume.",
                    e);
            }
        }

        foreach (var reject in rejects.Take(Math.Max(0, 1_000 - runRejects.Count)))
        {
            runRejects.Add(reject);
        }

        DataMoveTelemetry.RowsMoved.Add(next.RowsWritten - state.RowsWritten);
        DataMoveTelemetry.BatchesCommitted.Add(1);
        Log.BatchCommitted(_logger, move.Name, next.Batches, batch.Count, lastKey);
        if (_options.Observer is { } committed)
        {
            await committed.OnBatchCommittedAsync(info, CancellationToken.None).ConfigureAwait(false);
        }

        return next;
    }

    private static async Task<List<int>> WriteRowsAsync(MovePlan plan, DbConnection target, DbTransaction transaction, List<object?[]> rows)
    {
        var writer = await plan.Move.Target.CreateWriterAsync(target, transaction, plan.Move.TargetTable, plan.TargetColumns, CancellationToken.None).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await writer.WriteRowAsync(row, CancellationToken.None).ConfigureAwait(false);
            }

            await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return Enumerable.Range(0, rows.Count).ToList();
    }

    /// <summary>Writes the rows under a savepoint; when the target refuses them, rolls back to it and halves the rows until the refused ones are isolated as rejects.</summary>
    private static async Task<List<int>> WriteIsolatingAsync(MovePlan plan, DbConnection target, DbTransaction transaction, List<object?[]> rows, List<object?[]> sources, List<DataMoveReject> rejects, RunState state, int batchRows)
    {
        var written = new List<int>(rows.Count);
        var savepoints = 0;
        await WriteRangeAsync(Enumerable.Range(0, rows.Count).ToList()).ConfigureAwait(false);
        written.Sort();
        return written;

        async Task WriteRangeAsync(List<int> range)
        {
            if (range.Count == 0)
            {
                return;
            }

            var savepoint = "mk_rows_" + (++savepoints).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await transaction.SaveAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
            try
            {
                var writer = await plan.Move.Target.CreateWriterAsync(target, transaction, plan.Move.TargetTable, plan.TargetColumns, CancellationToken.None).ConfigureAwait(false);
                await using (writer.ConfigureAwait(false))
                {
                    foreach (var index in range)
                    {
                        await writer.WriteRowAsync(rows[index], CancellationToken.None).ConfigureAwait(false);
                    }

                    await writer.CompleteAsync(CancellationToken.None).ConfigureAwait(false);
                }

                await transaction.ReleaseAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
                written.AddRange(range);
            }
            catch (DbException e)
            {
                await transaction.RollbackAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
                if (range.Count == 1)
                {
                    rejects.Add(Reject(plan, sources[range[0]], "the target refused the row: " + e.Message));
                    CheckBudget(plan.Move, state, batchRows, rejects.Count, e);
                    return;
                }

                var half = range.Count / 2;
                await WriteRangeAsync(range[..half]).ConfigureAwait(false);
                await WriteRangeAsync(range[half..]).ConfigureAwait(false);
            }
        }
    }

    private static DataMoveReject Reject(MovePlan plan, object?[] source, string reason)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < plan.SourceColumns.Count; i++)
            {
                json.WritePropertyName(plan.SourceColumns[i].Name);
                switch (source[i])
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case long or int or short or byte:
                        json.WriteNumberValue(Convert.ToInt64(source[i], System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case double d:
                        json.WriteNumberValue(d);
                        break;
                    case decimal d:
                        json.WriteNumberValue(d);
                        break;
                    case bool b:
                        json.WriteBooleanValue(b);
                        break;
                    case byte[] bytes:
                        json.WriteBase64StringValue(bytes);
                        break;
                    default:
                        json.WriteStringValue(KeyText.Text(source[i]));
                        break;
                }
            }

            json.WriteEndObject();
        }

        return new DataMoveReject(KeyText.ForMap(source, plan.KeyIndexes), Encoding.UTF8.GetString(buffer.WrittenSpan), reason);
    }

    private static void CheckBudget(DataMove move, RunState state, int batchRows, int batchRejects, Exception cause)
    {
        var rejected = state.RowsRejected + batchRejects;
        if (!move.WithinBudget(rejected, state.RowsRead + batchRows))
        {
            var budget = move.ErrorBudgetRows is { } rows ? rows.ToString(System.Globalization.CultureInfo.InvariantCulture) + " row(s)" : string.Empty;
            if (move.ErrorBudgetRatio is { } ratio)
            {
                budget += (budget.Length > 0 ? " and " : string.Empty) + ratio.ToString("P3", System.Globalization.CultureInfo.InvariantCulture) + " of the rows read";
            }

            throw new DataMoveException(
                move.Name,
                state.Batches + 1,
                $"Data move '{move.Name}' stopped in batch {state.Batches + 1}: {rejected} rejected row(s) exceed its error budget of {budget}. The last one: {cause.Message} "
                + $"The batch was rolled back and the {state.Batches} batch(es) before it are kept (their rejects are in the rejects table); fix the rows or raise the budget, then run the move again to resume.",
                cause);
        }
    }

    /// <summary>The names of a database move's table moves that have not completed in the target.</summary>
    private async Task<HashSet<string>> UnfinishedAsync(Databases.DatabaseMove move, Databases.ResolvedDatabaseMove resolved, CancellationToken cancellationToken)
    {
        var target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var targetScope = target.ConfigureAwait(false);
        var completed = (await new ControlStore(move.Target, _options).ListLatestAsync(target, move.Name, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Status == ControlStore.Completed)
            .Select(r => r.Move)
            .ToHashSet(StringComparer.Ordinal);
        return resolved.Tables.Select(t => t.Move.Name).Where(name => !completed.Contains(name)).ToHashSet(StringComparer.Ordinal);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
