using MigrationKit.Data.Endpoints;
using Npgsql;
using NpgsqlTypes;

namespace MigrationKit.Data.PostgreSql;

/// <summary>Rows written through one <c>COPY … FROM STDIN (FORMAT BINARY)</c>, each value with its column's wire type.</summary>
internal sealed class PostgreSqlRowWriter : IDataRowWriter
{
    private readonly NpgsqlBinaryImporter _importer;
    private readonly DataType[] _types;
    private readonly NpgsqlDbType[] _wireTypes;

    public PostgreSqlRowWriter(NpgsqlBinaryImporter importer, IReadOnlyList<DataColumn> columns)
    {
        _importer = importer;
        _types = columns.Select(c => c.Type).ToArray();
        _wireTypes = columns.Select(c => c.Type switch
        {
            DataType.Boolean => NpgsqlDbType.Boolean,
            DataType.Int16 => NpgsqlDbType.Smallint,
            DataType.Int32 => NpgsqlDbType.Integer,
            DataType.Int64 => NpgsqlDbType.Bigint,
            DataType.Decimal => NpgsqlDbType.Numeric,
            DataType.Double => NpgsqlDbType.Double,
            DataType.Text => c.StoreType.StartsWith("character varying", StringComparison.Ordinal) ? NpgsqlDbType.Varchar : NpgsqlDbType.Text,
            DataType.Guid => NpgsqlDbType.Uuid,
            DataType.Timestamp => NpgsqlDbType.Timestamp,
            DataType.TimestampTz => NpgsqlDbType.TimestampTz,
            DataType.Date => NpgsqlDbType.Date,
            DataType.Json => c.StoreType == "jsonb" ? NpgsqlDbType.Jsonb : NpgsqlDbType.Json,
            DataType.Binary => NpgsqlDbType.Bytea,
            _ => NpgsqlDbType.Unknown,
        }).ToArray();
    }

    public async ValueTask WriteRowAsync(object?[] values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        await _importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < _types.Length; i++)
        {
            var value = values[i];
            if (value is null)
            {
                await _importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var wire = _wireTypes[i];
            var write = value switch
            {
                bool b => _importer.WriteAsync(b, wire, cancellationToken),
                short s => _importer.WriteAsync(s, wire, cancellationToken),
                int n => _importer.WriteAsync(n, wire, cancellationToken),
                long l => _importer.WriteAsync(l, wire, cancellationToken),
                decimal d => _importer.WriteAsync(d, wire, cancellationToken),
                double d => _importer.WriteAsync(d, wire, cancellationToken),
                string s => _importer.WriteAsync(s, wire, cancellationToken),
                Guid g => _importer.WriteAsync(g, wire, cancellationToken),
                DateTime t => _importer.WriteAsync(t, wire, cancellationToken),
                DateOnly d => _importer.WriteAsync(d, wire, cancellationToken),
                byte[] b => _importer.WriteAsync(b, wire, cancellationToken),
                _ => wire == NpgsqlDbType.Unknown ? _importer.WriteAsync(value, cancellationToken) : _importer.WriteAsync(value, wire, cancellationToken),
            };
            await write.ConfigureAwait(false);
        }
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default) => await _importer.CompleteAsync(cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _importer.DisposeAsync();
}
