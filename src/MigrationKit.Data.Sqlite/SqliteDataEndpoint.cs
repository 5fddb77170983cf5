using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Sqlite;

/// <summary>
/// A SQLite database as the source or target of data moves. Tables without a primary key are read in <c>rowid</c>
/// order; rows are written with one prepared insert reused inside the batch's transaction. Column types come from the
/// declared type names (<c>BOOLEAN</c>, <c>DATETIME</c>, <c>UUID</c>, <c>JSON</c>, <c>DECIMAL</c> … are recognised before
/// SQLite's affinity rules), and values are stored as SQLite stores them (UUIDs and timestamps as text, booleans as 0/1).
/// </summary>
public sealed class SqliteDataEndpoint : IDataEndpoint, IDataCatalog, IDataMoveLocking
{
    private readonly string _connectionString;
    private readonly string? _databaseFile;

    /// <summary>Creates an endpoint.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string. For an in-memory database, keep a connection open for as long as it must live (shared cache).</param>
    /// <exception cref="ArgumentException">The connection string is empty or invalid.</exception>
    public SqliteDataEndpoint(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        _connectionString = builder.ConnectionString;
        _databaseFile = builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" ? null : builder.DataSource;
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
    /// <remarks>
    /// A database file is locked through a lock file beside it (<c>{file}-move-{hash of the move's name}.lock</c>),
    /// which the operating system unlocks when the holding process ends, however it ends; an in-memory database within
    /// this process.
    /// </remarks>
    public ValueTask<IAsyncDisposable> LockMoveAsync(string move, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(move);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        return SqliteMoveLock.AcquireAsync(_databaseFile, _connectionString, move, DisplayName, wait, cancellationToken);
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

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListTablesAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = new List<string>();
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name";
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables.Add(reader.GetString(0));
            }
        }

        return tables;
    }

    /// <inheritdoc />
    /// <remarks>SQLite does not report constraint names through its pragmas: each key is named <c>table_fk_n</c> (n from 0, as <c>pragma_foreign_key_list</c> numbers them).</remarks>
    public async Task<IReadOnlyList<DataForeignKey>> ListForeignKeysAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var keys = new List<DataForeignKey>();
        foreach (var table in await ListTablesAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            var command = connection.CreateCommand();
            await using var commandScope = command.ConfigureAwait(false);
            command.CommandText = "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(@table) ORDER BY id, seq";
            command.Parameters.Add(new SqliteParameter("@table", table));
            var rows = new List<(long Id, string Parent, string From, string? To)>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }
            }

            foreach (var key in rows.GroupBy(r => r.Id))
            {
                var parent = key.First().Parent;
                var referenced = key.Select(r => r.To).ToList();
                if (referenced.Any(c => c is null))
                {
                    // REFERENCES parent without columns: the parent's primary key.
                    var parentColumns = await DescribeTableAsync(connection, parent, cancellationToken).ConfigureAwait(false);
                    referenced = parentColumns.Where(c => c.KeyOrdinal > 0).OrderBy(c => c.KeyOrdinal).Select(c => (string?)c.Name).ToList();
                }

                keys.Add(new DataForeignKey(table + "_fk_" + key.Key.ToString(CultureInfo.InvariantCulture), table, key.Select(r => r.From).ToArray(), parent, referenced.Select(c => c!).ToArray(), IsValidated: true));
            }
        }

        return keys;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Only a table declared <c>INTEGER PRIMARY KEY AUTOINCREMENT</c> has a generator of its own (its row in
    /// <c>sqlite_sequence</c>); any other rowid table takes the highest rowid plus one by itself.
    /// </remarks>
    public async Task<IReadOnlyList<DataKeyGenerator>> AdvanceKeyGeneratorsAsync(DbConnection connection, string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var definition = await ScalarAsync(connection, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = @table", table, cancellationToken).ConfigureAwait(false) as string;
        if (definition is null || !definition.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var key = (await DescribeTableAsync(connection, table, cancellationToken).ConfigureAwait(false)).Single(c => c.KeyOrdinal == 1);
        if (await ScalarAsync(connection, $"SELECT MAX(rowid) FROM {Quote(table)}", null, cancellationToken).ConfigureAwait(false) is not long highest)
        {
            return [];
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = """
                UPDATE sqlite_sequence SET seq = @highest WHERE name = @table AND seq < @highest;
                INSERT INTO sqlite_sequence (name, seq) SELECT @table, @highest WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = @table);
                """;
            command.Parameters.Add(new SqliteParameter("@table", table));
            command.Parameters.Add(new SqliteParameter("@highest", highest));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var sequence = (long)(await ScalarAsync(connection, "SELECT seq FROM sqlite_sequence WHERE name = @table", table, cancellationToken).ConfigureAwait(false))!;
        return [new DataKeyGenerator(table, key.Name, "sqlite_sequence", highest, sequence + 1)];
    }

    /// <inheritdoc />
    /// <remarks>SQLite has no validated state for foreign keys: nothing to do.</remarks>
    public Task ValidateForeignKeyAsync(DbConnection connection, DataForeignKey foreignKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(foreignKey);
        return Task.CompletedTask;
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

    private static string Quote(string name) => string.Join('.', name.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, string? table, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using var commandScope = command.ConfigureAwait(false);
#pragma warning disable CA2100 // Quoted identifiers only; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        if (table is not null)
        {
            command.Parameters.Add(new SqliteParameter("@table", table));
        }

        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }
}
