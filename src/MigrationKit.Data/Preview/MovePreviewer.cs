using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using MigrationKit.Data.Control;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Execution;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Preview;

/// <summary>
/// Looks at a move before it runs: the source profile, the plan (counts, a timed sample written in a transaction that is
/// rolled back, the risk) and the dry run. Nothing here creates a table or keeps a row in the target.
/// </summary>
internal sealed class MovePreviewer(DataMoveOptions options)
{
    private const int MaxSample = 1_000;

    public async Task<DataMoveProfile> ProfileAsync(DataMove move, int examples, CancellationToken cancellationToken)
    {
        var session = await Session.OpenAsync(move, options, cancellationToken).ConfigureAwait(false);
        await using var sessionScope = session.ConfigureAwait(false);
        var plan = session.Plan;
        var stats = plan.Mappings.Select(_ => new ColumnStats(examples)).ToArray();
        // A new UUID always converts; a key through the id map of a move that has not run yet cannot be checked before it runs.
        var checks = new bool[plan.Mappings.Count];
        for (var i = 0; i < checks.Length; i++)
        {
            checks[i] = plan.Mappings[i].Converter switch
            {
                { Kind: DataConverterKind.NewGuid } => false,
                { Kind: DataConverterKind.ViaIdMap } via => session.IdMapTableExists && await session.Control.CountIdMapAsync(session.Target, via.MoveName!, cancellationToken).ConfigureAwait(false) > 0,
                _ => true,
            };
        }

        long rows = 0;
        var channel = Channel.CreateBounded<List<object?[]>>(new BoundedChannelOptions(options.BufferedBatches) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            async () =>
            {
                try
                {
                    await SourceReader.ReadAsync(plan, session.Source, null, channel.Writer, stopReading.Token).ConfigureAwait(false);
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
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await session.Transformer.PrepareAsync(batch, session.Target, null, cancellationToken).ConfigureAwait(false);
                foreach (var row in batch)
                {
                    rows++;
                    for (var i = 0; i < stats.Length; i++)
                    {
                        var value = row[plan.Mappings[i].SourceIndex];
                        stats[i].Add(value);
                        if (!checks[i])
                        {
                            continue;
                        }

                        try
                        {
                            session.Transformer.TransformColumn(i, row);
                        }
                        catch (DataMoveRowException e)
                        {
                            stats[i].Fail($"{e.Key}: {e.Value} ({e.InnerException?.Message ?? e.Message})");
                        }
                    }
                }
            }
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var columns = plan.Mappings.Select((m, i) => stats[i].ToProfile(m.Source, m.Target.Name, m.Target.StoreType)).ToArray();
        return new DataMoveProfile(move.Name, move.SourceTable, move.TargetTable, rows, columns);
    }

    public async Task<DataMovePlan> PlanAsync(DataMove move, CancellationToken cancellationToken, PendingParents? pending = null)
    {
        var session = await Session.OpenAsync(move, options, cancellationToken).ConfigureAwait(false);
        await using var sessionScope = session.ConfigureAwait(false);
        session.Transformer.PendingIdMaps = pending?.IdMapMoves;
        var plan = session.Plan;
        var clock = options.TimeProvider;
        var reasons = new List<string>();
        var risk = DataMoveRisk.Low;
        void Raise(DataMoveRisk level, string reason)
        {
            risk = level > risk ? level : risk;
            reasons.Add(reason);
        }

        var sourceRows = await SourceReader.CountAsync(plan, session.Source, cancellationToken).ConfigureAwait(false);
        var latest = session.IdMapTableExists ? await session.Control.LatestAsync(session.Target, move.Name, cancellationToken).ConfigureAwait(false) : null;
        var done = latest?.RowsRead ?? 0;
        var remaining = latest is { Status: ControlStore.Completed } ? 0 : Math.Max(0, sourceRows - done);
        var targetRows = await CountAsync(session.Target, move.TargetTable, cancellationToken).ConfigureAwait(false);
        if (targetRows > (latest?.RowsWritten ?? 0))
        {
            Raise(DataMoveRisk.Medium, $"the target table '{move.TargetTable}' already holds {targetRows - (latest?.RowsWritten ?? 0):N0} row(s) that this move did not write; the move adds to them, and a key it writes may collide with theirs");
        }

        if (remaining > 1_000_000)
        {
            Raise(DataMoveRisk.Medium, $"{remaining:N0} rows to move: a long move; it can be cancelled and resumed, batch by batch");
        }

        if (plan.KeyColumns.Count == 1 && string.Equals(plan.KeyColumns[0].Name, move.Source.ImplicitKeyColumn, StringComparison.OrdinalIgnoreCase))
        {
            Raise(DataMoveRisk.Medium, $"'{move.SourceTable}' has no primary key and is read in {move.Source.ImplicitKeyColumn} order; a VACUUM between two runs may renumber its rows and break the resume");
        }

        // The sample: the next batch after the resume point, read, converted and written in a transaction rolled back.
        var started = clock.GetTimestamp();
        var after = latest?.LastKey is { } lastKey ? KeyText.FromProgress(lastKey, plan.KeyColumns) : null;
        var sample = remaining == 0 ? [] : await SourceReader.ReadFirstAsync(plan, session.Source, after, Math.Min(move.BatchSize, MaxSample), cancellationToken).ConfigureAwait(false);
        var converted = new List<object?[]>(sample.Count);
        var failures = new List<string>();
        await session.Transformer.PrepareAsync(sample, session.Target, null, cancellationToken).ConfigureAwait(false);
        foreach (var row in sample)
        {
            try
            {
                converted.Add(session.Transformer.Transform(row));
            }
            catch (DataMoveRowException e)
            {
                failures.Add($"row {e.Key}: column '{e.Column}' has value {e.Value}, which is not a {e.ExpectedType} ({e.InnerException?.Message ?? e.Message})");
            }
        }

        if (failures.Count > 0)
        {
            Raise(move.HasErrorBudget ? DataMoveRisk.Medium : DataMoveRisk.High, $"{failures.Count} of the {sample.Count} sample row(s) cannot be converted{(move.HasErrorBudget ? " (the error budget would reject them)" : " and would stop the move")}; the first: {failures[0]}; profile the table for all of them");
        }

        // Rows that refer to parents not in the target yet cannot be written before them: time reading and converting,
        // and borrow the write time per row measured on a parent.
        var writeDeferred = pending is { Tables.Count: > 0 } && converted.Count > 0;
        var wrote = writeDeferred ? null : await TrialWriteAsync(plan, session.Target, converted, cancellationToken).ConfigureAwait(false);
        if (wrote is not null)
        {
            Raise(DataMoveRisk.High, $"the target refused the sample rows: {wrote}");
        }

        var elapsed = clock.GetElapsedTime(started);
        TimeSpan? estimate = converted.Count > 0 && wrote is null && elapsed > TimeSpan.Zero ? elapsed * (remaining / (double)sample.Count) : (remaining == 0 ? TimeSpan.Zero : null);
        if (writeDeferred)
        {
            var parents = string.Join(", ", pending!.Tables.Select(t => "'" + t + "'"));
            estimate = pending.SecondsPerRow is { } perRow ? estimate + TimeSpan.FromSeconds(perRow * remaining) : null;
            reasons.Add(pending.SecondsPerRow is null
                ? $"the sample was read and converted but not written, since its rows refer to {parents}, which this move fills first; no write time to estimate from"
                : $"the sample was read and converted but not written, since its rows refer to {parents}, which this move fills first; the estimate adds the write time per row measured on '{pending.MeasuredOn}'");
        }
        var mappings = plan.Mappings.Select(m => $"{m.Source} → {m.Target.Name} ({m.Target.StoreType}){(m.Converter is { } c ? ": " + c.Description : string.Empty)}").ToArray();
        var batches = (remaining + move.BatchSize - 1) / move.BatchSize;
        return new DataMovePlan(move.Name, sourceRows, done, batches, mappings, sample.Count, elapsed, estimate, risk, reasons);
    }

    public async Task<DataMoveDryRun> DryRunAsync(DataMove move, int rows, CancellationToken cancellationToken, IReadOnlySet<string>? pendingIdMaps = null)
    {
        var session = await Session.OpenAsync(move, options, cancellationToken).ConfigureAwait(false);
        await using var sessionScope = session.ConfigureAwait(false);
        session.Transformer.PendingIdMaps = pendingIdMaps;
        var plan = session.Plan;
        var first = await SourceReader.ReadFirstAsync(plan, session.Source, null, rows, cancellationToken).ConfigureAwait(false);
        await session.Transformer.PrepareAsync(first, session.Target, null, cancellationToken).ConfigureAwait(false);
        var result = new List<DataMoveDryRunRow>(first.Count);
        foreach (var row in first)
        {
            var key = KeyText.ForMessage(row, plan.KeyIndexes, plan.KeyNames);
            try
            {
                result.Add(new DataMoveDryRunRow(key, session.Transformer.Transform(row), null));
            }
            catch (DataMoveRowException e)
            {
                result.Add(new DataMoveDryRunRow(key, [], $"column '{e.Column}' has value {e.Value}, which is not a {e.ExpectedType} for target column '{e.TargetColumn}' ({e.InnerException?.Message ?? e.Message})"));
            }
        }

        return new DataMoveDryRun(move.Name, plan.TargetColumns.Select(c => c.Name).ToArray(), result);
    }

    /// <summary>Writes the rows in a transaction and rolls it back; returns the target's refusal, or null.</summary>
    private static async Task<string?> TrialWriteAsync(MovePlan plan, DbConnection target, List<object?[]> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var transaction = await target.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        try
        {
            var writer = await plan.Move.Target.CreateWriterAsync(target, transaction, plan.Move.TargetTable, plan.TargetColumns, cancellationToken).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    await writer.WriteRowAsync(row, cancellationToken).ConfigureAwait(false);
                }

                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (DbException e)
        {
            return e.Message;
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        var command = Sql.Command(connection, null, $"SELECT COUNT(*) FROM {Sql.Quote(table)}");
        await using var commandScope = command.ConfigureAwait(false);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Both connections, the resolved move and a transformer that reads the id map only when the target has one.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private Session(DbConnection source, DbConnection target, MovePlan plan, ControlStore control, RowTransformer transformer, bool idMapTableExists)
        {
            Source = source;
            Target = target;
            Plan = plan;
            Control = control;
            Transformer = transformer;
            IdMapTableExists = idMapTableExists;
        }

        public DbConnection Source { get; }

        public DbConnection Target { get; }

        public MovePlan Plan { get; }

        public ControlStore Control { get; }

        public RowTransformer Transformer { get; }

        public bool IdMapTableExists { get; }

        public static async Task<Session> OpenAsync(DataMove move, DataMoveOptions options, CancellationToken cancellationToken)
        {
            var source = await move.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            DbConnection? target = null;
            try
            {
                target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var plan = await MovePlan.ResolveAsync(move, source, target, cancellationToken).ConfigureAwait(false);
                var control = new ControlStore(move.Target, options);
                var exists = (await move.Target.DescribeTableAsync(target, options.IdMapTable, cancellationToken).ConfigureAwait(false)).Count > 0
                    && (await move.Target.DescribeTableAsync(target, options.RunsTable, cancellationToken).ConfigureAwait(false)).Count > 0;
                var transformer = new RowTransformer(plan, control, validating: false) { IdMapTableExists = exists };
                await transformer.LoadLookupsAsync(target, cancellationToken).ConfigureAwait(false);
                return new Session(source, target, plan, control, transformer, exists);
            }
            catch
            {
                if (target is not null)
                {
                    await target.DisposeAsync().ConfigureAwait(false);
                }

                await source.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Target.DisposeAsync().ConfigureAwait(false);
            await Source.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>NULLs, distinct values, minimum and maximum, conversion failures of one column.</summary>
    private sealed class ColumnStats(int examples)
    {
        private readonly DistinctEstimator _distinct = new();
        private readonly List<string> _failures = [];
        private long _nulls;
        private long _failed;
        private object? _min;
        private object? _max;

        public void Add(object? value)
        {
            if (value is null)
            {
                _nulls++;
                return;
            }

            _distinct.Add(value);
            if (_min is null || Compare(value, _min) < 0)
            {
                _min = value;
            }

            if (_max is null || Compare(value, _max) > 0)
            {
                _max = value;
            }
        }

        public void Fail(string example)
        {
            _failed++;
            if (_failures.Count < examples)
            {
                _failures.Add(example);
            }
        }

        public DataColumnProfile ToProfile(string source, string target, string targetType) =>
            new(source, target, targetType, _nulls, _distinct.Estimate, _min is null ? null : ValueConverter.Describe(_min), _max is null ? null : ValueConverter.Describe(_max), _failed, _failures);

        /// <summary>SQLite's order across kinds (numbers, then text, then bytes); within a kind, the value's own order.</summary>
        private static int Compare(object a, object b)
        {
            var kinds = Kind(a).CompareTo(Kind(b));
            if (kinds != 0)
            {
                return kinds;
            }

            return (a, b) switch
            {
                (double or float, _) or (_, double or float) => Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(b, CultureInfo.InvariantCulture)),
                (string x, string y) => string.CompareOrdinal(x, y),
                _ when Kind(a) == 1 => Convert.ToDecimal(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(b, CultureInfo.InvariantCulture)),
                (IComparable x, _) when a.GetType() == b.GetType() => x.CompareTo(b),
                _ => string.CompareOrdinal(ValueConverter.Describe(a), ValueConverter.Describe(b)),
            };
        }

        private static int Kind(object value) => value switch
        {
            bool or byte or short or int or long or decimal or double or float => 1,
            string => 3,
            byte[] => 4,
            _ => 2,
        };
    }
}
