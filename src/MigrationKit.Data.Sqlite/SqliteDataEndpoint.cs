using System.Data.Common;
using Microsoft.Data.Sqlite;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Sqlite;

/// <summary>
/// A SQLite database as the source or target of data moves. Tables without a primary key are read in <c>rowid</c>
/// order; rows are written with one prepared insert reused inside the batch's transaction. Column types come from the
/// declared type names (<c>BOOLEAN</c>, <c>DATETIME</c>, <c>UUID</c>, <c>JSON</c>, <c>DECIMAL</c> … are recognised before
/// SQLite's affinity rules), and values are stored as SQLite stores them (UUIDs and timestamps as text, booleans as 0/1).
/// </summary>
public sealed class SqliteDataEndpoint : IDataEndpoint
{
    private readonly string _connectionString;

    /// <summary>Creates an endpoint.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string. For an in-memory database, keep a connection open for as long as it must live (shared cache).</param>
    /// <exception cref="ArgumentException">The connection string is empty or invalid.</exception>
    public SqliteDataEndpoint(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        _connectionString = builder.ConnectionString;
        DisplayName = "SQLite " + (string.IsNullOrEmpty(builder.DataSource) ? "(temporary)" : builder.DataSource);
    }

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <inheritdoc />
    public string? ImplicitKeyColumn => "rowid";

    /// <inheritdoc />
    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DataColumn>> DescribeTableAsync(DbConnection connection, string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        var schema = dot < 0 ? "main" : table[..dot];
        var name = dot < 0 ? table : table[(dot + 1)..];
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = "SELECT name, type, \"notnull\", pk FROM pragma_table_info(@table, @schema) ORDER BY cid";
        command.Parameters.Add(new SqliteParameter("@table", name));
        command.Parameters.Add(new SqliteParameter("@schema", schema));
        var columns = new List<DataColumn>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var declared = reader.GetString(1);
                columns.Add(new DataColumn(reader.GetString(0), TypeOf(declared), declared.Length == 0 ? "(no type)" : declared, reader.GetInt64(2) == 0, (int)reader.GetInt64(3)));
            }
        }

        return columns;
    }

    /// <inheritdoc />
    public string StoreType(DataType type) => type switch
    {
        DataType.Int64 or DataType.Int32 or DataType.Int16 or DataType.Boolean => "INTEGER",
        DataType.Double => "REAL",
        DataType.Binary => "BLOB",
        _ => "TEXT",
    };

    /// <inheritdoc />
    public object ToParameterValue(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString("D"),
        _ => value,
    };

    /// <inheritdoc />
    public async ValueTask<IDataRowWriter> CreateWriterAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<DataColumn> columns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentNullException.ThrowIfNull(columns);
        var writer = new SqliteRowWriter((SqliteConnection)connection, (SqliteTransaction)transaction, table, columns);
        await writer.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return writer;
    }

    /// <summary>The data type of a declared SQLite column type: names first, then SQLite's affinity rules.</summary>
    internal static DataType TypeOf(string declared)
    {
        var type = declared.ToUpperInvariant();
        if (type.Contains("BOOL", StringComparison.Ordinal))
        {
            return DataType.Boolean;
        }

        if (type.Contains("UUID", StringComparison.Ordinal) || type.Contains("GUID", StringComparison.Ordinal))
        {
            return DataType.Guid;
        }

        if (type.Contains("JSON", StringComparison.Ordinal))
        {
            return DataType.Json;
        }

        if (type.Contains("DATETIME", StringComparison.Ordinal) || type.Contains("TIMESTAMP", StringComparison.Ordinal))
        {
            return DataType.Timestamp;
        }

        if (type == "DATE")
        {
            return DataType.Date;
        }

        // SQLite's affinity rules, in their order.
        if (type.Contains("INT", StringComparison.Ordinal))
        {
            return DataType.Int64;
        }

        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal))
        {
            return DataType.Text;
        }

        if (type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal))
        {
            return DataType.Unknown;
        }

        if (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal))
        {
            return DataType.Double;
        }

        return DataType.Decimal;
    }
}
