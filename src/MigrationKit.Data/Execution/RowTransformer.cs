using System.Data.Common;
using System.Globalization;
using MigrationKit.Data.Control;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Execution;

/// <summary>
/// Turns source rows into target rows: each mapping's converter, then the strict conversion to the target column's type.
/// Id-map look-ups are fetched once per batch; lookup tables once per move. When validating, a new-UUID column takes the
/// UUID the id map recorded instead of a new one.
/// </summary>
internal sealed class RowTransformer
{
    private readonly MovePlan _plan;
    private readonly ControlStore _control;
    private readonly bool _validating;
    private readonly Dictionary<int, Dictionary<string, object?>> _lookups = [];
    private readonly Dictionary<int, Dictionary<string, string>> _idMaps = [];
    private Dictionary<string, string> _ownIdMap = new(StringComparer.Ordinal);

    // Random bytes for new UUIDs, drawn from the cryptographic generator 4,096 UUIDs at a time: Guid.NewGuid asks the
    // operating system once per UUID, which was most of a move's conversion time.
    private readonly byte[] _randomBytes = new byte[16 * 4_096];
    private int _randomUsed = 16 * 4_096;

    public RowTransformer(MovePlan plan, ControlStore control, bool validating)
    {
        _plan = plan;
        _control = control;
        _validating = validating;
    }

    /// <summary>Whether the target holds the id-map table; false when looking at a move before any move ran.</summary>
    public bool IdMapTableExists { get; set; } = true;

    /// <summary>
    /// When looking before a whole-database move: the moves that run before this one and have not yet, whose id maps
    /// cannot hold this table's references yet; a reference through them becomes a <see cref="PendingKey"/>.
    /// </summary>
    public IReadOnlySet<string>? PendingIdMaps { get; set; }

    /// <summary>Reads the lookup tables the mappings use.</summary>
    public async Task LoadLookupsAsync(DbConnection target, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _plan.Mappings.Count; i++)
        {
            if (_plan.Mappings[i].Converter is { Kind: DataConverterKind.Lookup } lookup)
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                var command = Sql.Command(target, null, $"SELECT {Sql.Quote(lookup.LookupMatchColumn!)}, {Sql.Quote(lookup.LookupResultColumn!)} FROM {Sql.Quote(lookup.LookupTable!)}");
                await using var commandScope = command.ConfigureAwait(false);
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (!reader.IsDBNull(0))
                    {
                        values[KeyText.Text(reader.GetValue(0))] = reader.IsDBNull(1) ? null : reader.GetValue(1);
                    }
                }

                _lookups[i] = values;
            }
        }
    }

    /// <summary>
    /// Whether converting a batch reads the target (id-map look-ups, or the own id map when validating); when it does
    /// not, batches can be converted ahead of the writer, on another thread.
    /// </summary>
    public bool ReadsTargetPerBatch => _validating || _plan.Mappings.Any(m => m.Converter is { Kind: DataConverterKind.ViaIdMap });

    /// <summary>Fetches the id-map entries that a batch's rows need.</summary>
    public async Task PrepareAsync(IReadOnlyList<object?[]> rows, DbConnection target, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        _idMaps.Clear();
        for (var i = 0; i < _plan.Mappings.Count; i++)
        {
            var mapping = _plan.Mappings[i];
            if (mapping.Converter is { Kind: DataConverterKind.ViaIdMap } && !IdMapTableExists)
            {
                // Looking before the first move: no id map yet, so every reference is unmapped so far.
                _idMaps[i] = [];
            }
            else if (mapping.Converter is { Kind: DataConverterKind.ViaIdMap } via)
            {
                var keys = rows.Select(r => r[mapping.SourceIndex]).Where(v => v is not null).Select(KeyText.Text).ToHashSet(StringComparer.Ordinal);
                _idMaps[i] = await _control.ReadIdMapAsync(target, transaction, via.MoveName!, keys, cancellationToken).ConfigureAwait(false);
            }
        }

        if (_validating)
        {
            var keys = rows.Select(r => KeyText.ForMap(r, _plan.KeyIndexes)).ToList();
            _ownIdMap = await _control.ReadIdMapAsync(target, transaction, _plan.Move.Name, keys, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The target row of a source row.</summary>
    /// <exception cref="DataMoveRowException">A value cannot be converted.</exception>
    public object?[] Transform(object?[] source)
    {
        var target = new object?[_plan.Mappings.Count];
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = TransformColumn(i, source);
        }

        return target;
    }

    /// <summary>The target value of one mapping of a source row.</summary>
    /// <exception cref="DataMoveRowException">The value cannot be converted.</exception>
    public object? TransformColumn(int i, object?[] source)
    {
        var mapping = _plan.Mappings[i];
        var value = source[mapping.SourceIndex];
        try
        {
            var converted = Convert(i, mapping, value, source);
            return converted is PendingKey ? converted : ValueConverter.To(converted, mapping.Target.Type);
        }
        catch (ValueConversionException e)
        {
            throw new DataMoveRowException(
                _plan.Move.Name,
                _plan.Move.SourceTable,
                KeyText.ForMessage(source, _plan.KeyIndexes, _plan.KeyNames),
                mapping.Source,
                mapping.Target.Name,
                ValueConverter.Describe(value),
                mapping.Target.StoreType,
                e.Message,
                e.InnerException ?? e);
        }
    }

    /// <summary>Whether the id map holds the row (when validating).</summary>
    public bool IsMapped(object?[] source) => _ownIdMap.ContainsKey(KeyText.ForMap(source, _plan.KeyIndexes));

    private object? Convert(int index, ResolvedMapping mapping, object? value, object?[] row)
    {
        if (mapping.Converter is not { } converter)
        {
            return value;
        }

        if (converter.Kind == DataConverterKind.NewGuid)
        {
            if (!_validating)
            {
                return NewGuid();
            }

            var key = KeyText.ForMap(row, _plan.KeyIndexes);
            return _ownIdMap.TryGetValue(key, out var mapped) ? mapped : throw new ValueConversionException($"the id map of move '{_plan.Move.Name}' has no entry for source key '{key}'");
        }

        if (value is null)
        {
            return null;
        }

        switch (converter.Kind)
        {
            case DataConverterKind.ViaIdMap:
                var text = KeyText.Text(value);
                if (!_idMaps[index].TryGetValue(text, out var targetKey) && PendingIdMaps?.Contains(converter.MoveName!) == true)
                {
                    return new PendingKey(converter.MoveName!, text);
                }

                return targetKey ?? throw new ValueConversionException($"the id map of move '{converter.MoveName}' has no entry for source key '{text}'; run that move first");
            case DataConverterKind.Lookup:
                var match = KeyText.Text(value);
                return _lookups[index].TryGetValue(match, out var result) ? result : throw new ValueConversionException($"no row of '{converter.LookupTable}' has {converter.LookupMatchColumn} = '{match}'");
            case DataConverterKind.UnixMilliseconds:
                return Checked(static v => ValueConverter.FromUnixMilliseconds(v!), value);
            case DataConverterKind.UnixSeconds:
                return Checked(static v => ValueConverter.FromUnixSeconds(v!), value);
            case DataConverterKind.Custom:
                return Checked(converter.Function!, value);
            default:
                throw new InvalidOperationException("Unknown converter " + converter.Kind.ToString());
        }
    }

    /// <summary>A random (version 4, RFC 9562) UUID, as <see cref="Guid.NewGuid"/> makes, from the batched random bytes.</summary>
    private Guid NewGuid()
    {
        if (_randomUsed == _randomBytes.Length)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(_randomBytes);
            _randomUsed = 0;
        }

        var bytes = _randomBytes.AsSpan(_randomUsed, 16);
        _randomUsed += 16;
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static object? Checked(Func<object?, object?> convert, object? value)
    {
        try
        {
            return convert(value);
        }
        catch (Exception e) when (e is not ValueConversionException and not OutOfMemoryException)
        {
            throw new ValueConversionException(string.Create(CultureInfo.InvariantCulture, $"{e.GetType().Name}: {e.Message}"), e);
        }
    }
}
