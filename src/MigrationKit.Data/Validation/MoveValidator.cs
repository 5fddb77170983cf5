using System.Data.Common;
using System.Globalization;
using System.Text;
using MigrationKit.Data.Control;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Execution;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Validation;

/// <summary>
/// Compares one key range (a batch of source keys) at a time: the source rows mapped again (a new-UUID column takes the
/// UUID the id map recorded), the target rows fetched by the target keys the id map names. Each side's row hashes are
/// summed; when the sums differ, the range is halved until the differing keys remain.
/// </summary>
internal sealed class MoveValidator
{
    private readonly MovePlan _plan;
    private readonly DbConnection _target;
    private readonly int _maxDifferences;
    private readonly RowTransformer _transformer;
    private readonly ControlStore _control;
    private readonly StringBuilder _scratch = new(256);
    private readonly List<DataDifference> _differences = [];

    public MoveValidator(MovePlan plan, ControlStore control, DbConnection target, int maxDifferences)
    {
        _plan = plan;
        _target = target;
        _maxDifferences = maxDifferences;
        _transformer = new RowTransformer(plan, control, validating: true);
        _control = control;
    }

    public long TargetRows { get; private set; }

    public long Ranges { get; private set; }

    public long RangesBisected { get; private set; }

    public IReadOnlyList<DataDifference> Differences => _differences;

    public async Task<long> CountTargetTableAsync(CancellationToken cancellationToken)
    {
        var command = Sql.Command(_target, null, $"SELECT COUNT(*) FROM {Sql.Quote(_plan.Move.TargetTable)}");
        await using var commandScope = command.ConfigureAwait(false);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public Task LoadAsync(CancellationToken cancellationToken) => _transformer.LoadLookupsAsync(_target, cancellationToken);

    public async Task CompareAsync(List<object?[]> chunk, CancellationToken cancellationToken)
    {
        Ranges++;
        await _transformer.PrepareAsync(chunk, _target, null, cancellationToken).ConfigureAwait(false);
        var entries = new List<Entry>(chunk.Count);
        var byTargetKey = new Dictionary<string, Entry>(StringComparer.Ordinal);
        var unmapped = chunk.Where(r => !_transformer.IsMapped(r)).Select(r => KeyText.ForMap(r, _plan.KeyIndexes)).ToList();
        var rejected = unmapped.Count == 0 ? [] : await _control.ReadRejectedAsync(_target, _plan.Move.Name, unmapped, cancellationToken).ConfigureAwait(false);
        foreach (var row in chunk)
        {
            // The key as messages show it is formatted only for a differing row, not for every row compared.
            if (!_transformer.IsMapped(row))
            {
                if (rejected.Contains(KeyText.ForMap(row, _plan.KeyIndexes)))
                {
                    continue;
                }

                Add(new DataDifference(DataDifferenceKind.Unmapped, SourceKey(row), null));
                continue;
            }

            object?[] mapped;
            try
            {
                mapped = _transformer.Transform(row);
            }
            catch (DataMoveRowException)
            {
                Add(new DataDifference(DataDifferenceKind.Unconvertible, SourceKey(row), null));
                continue;
            }

            var entry = new Entry(row, KeyText.ForMap(mapped, _plan.TargetKeyIndexes), _plan.TargetKeyIndexes.Select(i => mapped[i]).ToArray(), RowHash.Compute(_scratch, mapped, _plan.TargetTypes));
            entries.Add(entry);
            byTargetKey[entry.TargetKey] = entry;
        }

        // Composite keys are listed as parameters, two or more per key: 500 keys per look-up.
        foreach (var part in entries.Chunk(_plan.TargetKeyColumns.Count == 1 ? Sql.KeysPerLookup(_plan.Move.Target) : 500))
        {
            await FetchTargetAsync(part, byTargetKey, cancellationToken).ConfigureAwait(false);
        }

        TargetRows += entries.Sum(e => (long)e.TargetCount);
        if (!Agree(entries, 0, entries.Count))
        {
            RangesBisected++;
            Bisect(entries, 0, entries.Count);
        }
    }

    private static bool Agree(List<Entry> entries, int from, int to)
    {
        long source = 0, target = 0, count = 0;
        for (var i = from; i < to; i++)
        {
            source = unchecked(source + entries[i].SourceHash);
            target = unchecked(target + entries[i].TargetHash);
            count += entries[i].TargetCount;
        }

        return source == target && count == to - from;
    }

    private void Bisect(List<Entry> entries, int from, int to)
    {
        if (to - from == 1)
        {
            var entry = entries[from];
            var kind = entry.TargetCount switch
            {
                0 => DataDifferenceKind.Missing,
                > 1 => DataDifferenceKind.Duplicated,
                _ => DataDifferenceKind.Changed,
            };
            Add(new DataDifference(kind, SourceKey(entry.SourceRow), entry.TargetKey));
            return;
        }

        var middle = from + ((to - from) / 2);
        if (!Agree(entries, from, middle))
        {
            Bisect(entries, from, middle);
        }

        if (!Agree(entries, middle, to))
        {
            Bisect(entries, middle, to);
        }
    }

    private string SourceKey(object?[] sourceRow) => KeyText.ForMessage(sourceRow, _plan.KeyIndexes, _plan.KeyNames);

    private void Add(DataDifference difference)
    {
        if (_differences.Count < _maxDifferences)
        {
            _differences.Add(difference);
        }
    }

    private async Task FetchTargetAsync(Entry[] part, Dictionary<string, Entry> byTargetKey, CancellationToken cancellationToken)
    {
        var endpoint = _plan.Move.Target;
        var keyColumns = _plan.TargetKeyColumns.Select(c => Sql.Quote(c.Name)).ToArray();
        var sql = new StringBuilder("SELECT ").AppendJoin(", ", _plan.TargetColumns.Select(c => Sql.Quote(c.Name)))
            .Append(" FROM ").Append(Sql.Quote(_plan.Move.TargetTable)).Append(" WHERE ");
        var command = Sql.Command(_target, null, string.Empty);
        await using var commandScope = command.ConfigureAwait(false);
        if (keyColumns.Length == 1)
        {
            sql.Append(Sql.AddKeyList(command, endpoint, keyColumns[0], _plan.TargetKeyColumns[0].Type, part.Select(e => e.TargetKeyValues[0]!).ToArray(), "k"));
        }
        else
        {
            sql.Append('(').AppendJoin(", ", keyColumns).Append(") IN (VALUES ")
                .AppendJoin(", ", part.Select((_, i) => "(" + string.Join(", ", keyColumns.Select((_, j) => string.Create(CultureInfo.InvariantCulture, $"@k{i}_{j}"))) + ")"))
                .Append(')');
            for (var i = 0; i < part.Length; i++)
            {
                for (var j = 0; j < keyColumns.Length; j++)
                {
                    Sql.Add(command, string.Create(CultureInfo.InvariantCulture, $"k{i}_{j}"), endpoint.ToParameterValue(part[i].TargetKeyValues[j]));
                }
            }
        }

#pragma warning disable CA2100 // Quoted identifiers; the keys are parameters.
        command.CommandText = sql.ToString();
#pragma warning restore CA2100

        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        await using var readerScope = reader.ConfigureAwait(false);
        var values = new object?[_plan.TargetColumns.Count];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < values.Length; i++)
            {
                var raw = reader.GetValue(i);
                try
                {
                    values[i] = ValueConverter.To(raw, _plan.TargetTypes[i]);
                }
                catch (ValueConversionException)
                {
                    values[i] = raw is DBNull ? null : raw.ToString();
                }
            }

            if (byTargetKey.TryGetValue(KeyText.ForMap(values, _plan.TargetKeyIndexes), out var entry))
            {
                entry.TargetCount++;
                entry.TargetHash = unchecked(entry.TargetHash + RowHash.Compute(_scratch, values, _plan.TargetTypes));
            }
        }
    }

    private sealed class Entry(object?[] sourceRow, string targetKey, object?[] targetKeyValues, long sourceHash)
    {
        public object?[] SourceRow { get; } = sourceRow;

        public string TargetKey { get; } = targetKey;

        public object?[] TargetKeyValues { get; } = targetKeyValues;

        public long SourceHash { get; } = sourceHash;

        public long TargetHash { get; set; }

        public int TargetCount { get; set; }
    }
}
