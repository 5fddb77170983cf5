using System.Data.Common;
using MigrationKit.Data.Endpoints;
using Npgsql;

namespace MigrationKit.Data.PostgreSql;

/// <summary>
/// A PostgreSQL database as the source or target of data moves. Rows are written with
/// <c>COPY … FROM STDIN (FORMAT BINARY)</c> through <see cref="NpgsqlBinaryImporter"/>, inside the batch's transaction.
/// </summary>
public sealed class PostgreSqlDataEndpoint : IDataEndpoint, IDataCatalog, IDataMoveLocking, IDataKeyArrays, IAsyncDisposable
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
                   COALESCE((SELECT k.i FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, i) WHERE k.num = a.attnum), 0)::int
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
    /// <remarks>A session advisory lock on a connection of its own, which the server releases when the session ends; waited for under <c>lock_timeout</c>.</remarks>
    public ValueTask<IAsyncDisposable> LockMoveAsync(string move, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(move);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        return PostgreSqlMoveLock.AcquireAsync(_dataSource, move, DisplayName, wait, cancellationToken);
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
    /// <remarks>
    /// A semi-join on the unnested array rather than <c>column = ANY(@keys)</c>: with <c>= ANY</c> the planner uses
    /// the array in an index condition only when statistics say the table is large, and a table just loaded by a move
    /// (the id map above all) has none until autovacuum analyzes it, so each look-up scanned the whole move's id map
    /// (135 ms instead of 2 ms for 500 keys in 1,000,000 rows). The unnested array is a relation of known size that the
    /// planner probes the index with, statistics or not.
    /// </remarks>
    public string MatchesAnyElement(string column, string parameter) => $"{column} IN (SELECT unnest(@{parameter}))";

    /// <inheritdoc />
    public object? ToArrayParameterValue(IReadOnlyList<object> values, DataType type)
    {
        ArgumentNullException.ThrowIfNull(values);

        // Npgsql sends a typed CLR array as the matching PostgreSQL array (bigint[], uuid[], text[]).
        return type switch
        {
            DataType.Int16 or DataType.Int32 or DataType.Int64 when values.All(v => v is long or int or short) => values.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            DataType.Guid when values.All(v => v is Guid) => values.Cast<Guid>().ToArray(),
            DataType.Text when values.All(v => v is string) => values.Cast<string>().ToArray(),
            _ => null,
        };
    }

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

    /// <inheritdoc />
    /// <remarks>Tables of the current schema are named alone, the others <c>schema.table</c>; partitions are left out (their parent is the table).</remarks>
    public async Task<IReadOnlyList<string>> ListTablesAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = new NpgsqlCommand(
            $"""
            SELECT {TableName("c", "n")}
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
            ORDER BY 1
            """,
            (NpgsqlConnection)connection);
        await using var commandScope = command.ConfigureAwait(false);
        var tables = new List<string>();
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
    public async Task<IReadOnlyList<DataForeignKey>> ListForeignKeysAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = new NpgsqlCommand(
            $"""
            SELECT con.conname, {TableName("c", "n")}, {TableName("p", "pn")}, con.convalidated,
                   ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.i),
                   ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.i)
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class p ON p.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = p.relnamespace
            WHERE con.contype = 'f' AND con.conparentid = 0 AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
            ORDER BY 2, 1
            """,
            (NpgsqlConnection)connection);
        await using var commandScope = command.ConfigureAwait(false);
        var keys = new List<DataForeignKey>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(new DataForeignKey(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(4), reader.GetString(2), reader.GetFieldValue<string[]>(5), reader.GetBoolean(3)));
            }
        }

        return keys;
    }

    /// <inheritdoc />
    /// <remarks>Sequences owned by a column (<c>serial</c>, <c>GENERATED … AS IDENTITY</c>, <c>OWNED BY</c>) are set with <c>setval</c> to the highest value.</remarks>
    public async Task<IReadOnlyList<DataKeyGenerator>> AdvanceKeyGeneratorsAsync(DbConnection connection, string table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        var npgsql = (NpgsqlConnection)connection;
        var owned = new List<(string Column, string Sequence)>();
        var find = new NpgsqlCommand(
            """
            SELECT a.attname, pg_get_serial_sequence(@table, a.attname)
            FROM pg_attribute a
            WHERE a.attrelid = to_regclass(@table) AND a.attnum > 0 AND NOT a.attisdropped AND pg_get_serial_sequence(@table, a.attname) IS NOT NULL
            ORDER BY a.attnum
            """,
            npgsql);
        await using (find.ConfigureAwait(false))
        {
            find.Parameters.AddWithValue("table", Quote(table));
            var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    owned.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
        }

        var generators = new List<DataKeyGenerator>();
        foreach (var (column, sequence) in owned)
        {
            var highestCommand = new NpgsqlCommand($"SELECT MAX({Quote(column)})::bigint FROM {Quote(table)}", npgsql);
            await using var highestScope = highestCommand.ConfigureAwait(false);
            if (await highestCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long highest)
            {
                continue;
            }

            // Never backwards: a sequence already past the highest key (rows inserted by the application) stays there.
            var advance = new NpgsqlCommand(
                """
                SELECT setval(@sequence::regclass, GREATEST(@highest, COALESCE(pg_sequence_last_value(@sequence::regclass), @highest))) + s.seqincrement
                FROM pg_sequence s WHERE s.seqrelid = @sequence::regclass
                """,
                npgsql);
            await using var advanceScope = advance.ConfigureAwait(false);
            advance.Parameters.AddWithValue("sequence", sequence);
            advance.Parameters.AddWithValue("highest", highest);
            var next = (long)(await advance.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            generators.Add(new DataKeyGenerator(table, column, sequence, highest, next));
        }

        return generators;
    }

    /// <inheritdoc />
    /// <remarks><c>ALTER TABLE … VALIDATE CONSTRAINT</c>, which checks the rows under a lock that lets reads and writes go on.</remarks>
    public async Task ValidateForeignKeyAsync(DbConnection connection, DataForeignKey foreignKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(foreignKey);
        if (foreignKey.IsValidated)
        {
            return;
        }

        var command = new NpgsqlCommand($"ALTER TABLE {Quote(foreignKey.Table)} VALIDATE CONSTRAINT \"{foreignKey.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", (NpgsqlConnection)connection);
        await using var commandScope = command.ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the data source when the endpoint created it.</summary>
    /// <returns>A task that completes when the data source is disposed.</returns>
    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    internal static string Quote(string name) => string.Join('.', name.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>A table's name as the catalog methods give it: alone in the current schema, else <c>schema.table</c>.</summary>
    private static string TableName(string relation, string nameSpace) =>
        $"CASE WHEN {nameSpace}.nspname = current_schema() THEN {relation}.relname::text ELSE {nameSpace}.nspname || '.' || {relation}.relname END";

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
