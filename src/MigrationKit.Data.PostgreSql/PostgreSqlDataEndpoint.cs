using System.Data.Common;
using MigrationKit.Data.Endpoints;
using Npgsql;

namespace MigrationKit.Data.PostgreSql;

/// <summary>
/// A PostgreSQL database as the source or target of data moves. Rows are written with
/// <c>COPY … FROM STDIN (FORMAT BINARY)</c> through <see cref="NpgsqlBinaryImporter"/>, inside the batch's transaction.
/// </summary>
public sealed class PostgreSqlDataEndpoint : IDataEndpoint, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <summary>Creates an endpoint with a data source of its own, disposed with the endpoint.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <exception cref="ArgumentException">The connection string is empty or invalid.</exception>
    public PostgreSqlDataEndpoint(string connectionString)
        : this(NpgsqlDataSource.Create(Check(connectionString)), ownsDataSource: true)
    {
    }

    /// <summary>Creates an endpoint on the application's data source (not disposed with the endpoint).</summary>
    /// <param name="dataSource">The data source.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataSource"/> is null.</exception>
    public PostgreSqlDataEndpoint(NpgsqlDataSource dataSource)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), ownsDataSource: false)
    {
    }

    private PostgreSqlDataEndpoint(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        DisplayName = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    public string? ImplicitKeyColumn => null;

    /// <inheritdoc />
    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DataColumn>> DescribeTableAsync(DbConnection connection, string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var command = new NpgsqlCommand(
            """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, NOT a.attnotnull,
                   COALESCE(array_position(i.indkey::int2[], a.attnum), 0)
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
            WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            (NpgsqlConnection)connection);
        await using var commandScope = command.ConfigureAwait(false);
        command.Parameters.AddWithValue("table", Quote(table));
        var columns = new List<DataColumn>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns.Add(new DataColumn(reader.GetString(0), TypeOf(reader.GetString(2)), reader.GetString(1), reader.GetBoolean(3), reader.GetInt32(4)));
            }
        }

        return columns;
    }

    /// <inheritdoc />
    public string StoreType(DataType type) => type switch
    {
        DataType.Int64 => "bigint",
        DataType.TimestampTz => "timestamp with time zone",
        _ => "text",
    };

    /// <inheritdoc />
    public object ToParameterValue(object? value) => value ?? DBNull.Value;

    /// <inheritdoc />
    public async ValueTask<IDataRowWriter> CreateWriterAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<DataColumn> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(columns);
        var copy = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var importer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        return new PostgreSqlRowWriter(importer, columns);
    }

    /// <summary>Disposes the data source when the endpoint created it.</summary>
    /// <returns>A task that completes when the data source is disposed.</returns>
    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    internal static string Quote(string name) => string.Join('.', name.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static DataType TypeOf(string typeName) => typeName switch
    {
        "bool" => DataType.Boolean,
        "int2" => DataType.Int16,
        "int4" => DataType.Int32,
        "int8" => DataType.Int64,
        "numeric" => DataType.Decimal,
        "float8" => DataType.Double,
        "text" or "varchar" or "bpchar" or "citext" => DataType.Text,
        "uuid" => DataType.Guid,
        "timestamp" => DataType.Timestamp,
        "timestamptz" => DataType.TimestampTz,
        "date" => DataType.Date,
        "json" or "jsonb" => DataType.Json,
        "bytea" => DataType.Binary,
        _ => DataType.Unknown,
    };

    private static string Check(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return connectionString;
    }
}
