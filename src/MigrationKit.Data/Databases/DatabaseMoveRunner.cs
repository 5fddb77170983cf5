using Microsoft.Extensions.Logging;
using MigrationKit.Checkpoints;
using MigrationKit.Data.Control;
using MigrationKit.Data.Diagnostics;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Databases;

/// <summary>
/// Runs a <see cref="DatabaseMove"/>: the optional checkpoint, each table's move in load order (each resumable on its
/// own), the deferred columns, then the steps after the load: key generators past the highest key, foreign keys
/// checked for orphans and validated where the engine held them as not validated.
/// </summary>
internal sealed class DatabaseMoveRunner(DataMover mover, DataMoveOptions options, ILogger logger)
{
    public async Task<DatabaseMoveResult> RunAsync(DatabaseMove move, IProgress<DataMoveProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = options.TimeProvider;
        var started = clock.GetTimestamp();
        var resolved = await DatabaseMovePlanner.ResolveAsync(move, options, cancellationToken).ConfigureAwait(false);
        Log.DatabaseMoveStarting(logger, move.Name, resolved.Tables.Count, string.Join(", ", resolved.Tables.Select(t => t.TargetTable)));
        var control = new ControlStore(move.Target, options);
        var checkpoint = await CheckpointAsync(move, resolved, control, cancellationToken).ConfigureAwait(false);

        var tables = new List<DataMoveResult>(resolved.Tables.Count);
        foreach (var table in resolved.Tables)
        {
            tables.Add(await mover.RunAsync(table.Move, progress, cancellationToken).ConfigureAwait(false));
        }

        var deferred = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in resolved.Tables)
        {
            foreach (var column in table.Deferred)
            {
                var filled = await DeferredColumnFiller.FillAsync(table, column, control, options, cancellationToken).ConfigureAwait(false);
                deferred[table.TargetTable + "." + column.Column.Name] = filled ?? 0;
                Log.DeferredColumnFilled(logger, move.Name, table.TargetTable, column.Column.Name, filled ?? 0);
            }
        }

        var generators = new List<DataKeyGenerator>();
        var target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            foreach (var table in resolved.Tables)
            {
                foreach (var generator in await ((IDataCatalog)move.Target).AdvanceKeyGeneratorsAsync(target, table.TargetTable, cancellationToken).ConfigureAwait(false))
                {
                    Log.KeyGeneratorAdvanced(logger, move.Name, generator.Table, generator.Column, generator.Generator, generator.NextValue);
                    generators.Add(generator);
                }
            }
        }

        var foreignKeys = await ForeignKeyChecker.CheckAsync(move.Target, resolved.ForeignKeys, validate: true, cancellationToken).ConfigureAwait(false);
        foreach (var orphaned in foreignKeys.Where(f => f.Orphans > 0))
        {
            Log.ForeignKeyOrphans(logger, move.Name, orphaned.ForeignKey.ToString(), orphaned.Orphans, string.Join("; ", orphaned.OrphanExamples));
        }

        var elapsed = clock.GetElapsedTime(started);
        Log.DatabaseMoveCompleted(logger, move.Name, tables.Sum(t => t.RowsWritten), tables.Count, (long)elapsed.TotalMilliseconds);
        return new DatabaseMoveResult(move.Name, tables, deferred, generators, foreignKeys, checkpoint, elapsed);
    }

    public async Task<DatabaseMoveValidationReport> ValidateAsync(DatabaseMove move, IProgress<DataMoveProgress>? progress, int maxDifferences, CancellationToken cancellationToken)
    {
        var resolved = await DatabaseMovePlanner.ResolveAsync(move, options, cancellationToken).ConfigureAwait(false);
        var reports = new List<Validation.DataMoveValidationReport>(resolved.Tables.Count);
        foreach (var table in resolved.Tables)
        {
            reports.Add(await mover.ValidateAsync(table.Move, progress, maxDifferences, cancellationToken).ConfigureAwait(false));
        }

        var foreignKeys = await ForeignKeyChecker.CheckAsync(move.Target, resolved.ForeignKeys, validate: false, cancellationToken).ConfigureAwait(false);
        return new DatabaseMoveValidationReport(move.Name, reports, foreignKeys);
    }

    /// <summary>A checkpoint of the target before the first row moves; none when a table's move has already begun (a resumed run).</summary>
    private async Task<Checkpoint?> CheckpointAsync(DatabaseMove move, ResolvedDatabaseMove resolved, ControlStore control, CancellationToken cancellationToken)
    {
        if (move.RollbackManager is not { } rollback)
        {
            return null;
        }

        var target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (target.ConfigureAwait(false))
        {
            await control.EnsureAsync(target, cancellationToken).ConfigureAwait(false);
            foreach (var table in resolved.Tables)
            {
                if (await control.LatestAsync(target, table.Move.Name, cancellationToken).ConfigureAwait(false) is not null)
                {
                    return null;
                }
            }
        }

        var checkpoint = await rollback.CreateCheckpointAsync(CheckpointKind.Milestone, CheckpointLevel.Full, $"before data move '{move.Name}'", cancellationToken).ConfigureAwait(false);
        Log.CheckpointTaken(logger, move.Name, checkpoint.Id);
        return checkpoint;
    }
}
