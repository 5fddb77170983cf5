using System.Data.Common;

namespace MigrationKit.Data.Endpoints;

/// <summary>
/// The capability a provider adds for data moves: a database that rows are read from or written to. The engine writes
/// its own SQL (keyset reads with row values, <c>INSERT … ON CONFLICT</c>, double-quoted identifiers, <c>@name</c>
/// parameters), so an endpoint supplies only what differs between engines: connections, table descriptions, type names,
/// parameter values and the bulk writer.
/// </summary>
public interface IDataEndpoint
{
    /// <summary>A name for messages and logs: server and database, never a password.</summary>
    string DisplayName { get; }

    /// <summary>The column that keys a table without a primary key (<c>rowid</c> on SQLite), or null when the engine has none.</summary>
    string? ImplicitKeyColumn { get; }

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>An open connection.</returns>
    ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Describes a table's columns in their order, or returns an empty list when the table does not exist.</summary>
    /// <param name="connection">An open connection of this endpoint.</param>
    /// <param name="table">The table, optionally schema-qualified (<c>schema.table</c>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The columns, or an empty list.</returns>
    Task<IReadOnlyList<DataColumn>> DescribeTableAsync(DbConnection connection, string table, CancellationToken cancellationToken = default);

    /// <summary>The engine's type name for a column of the mover's control tables.</summary>
    /// <param name="type">One of <see cref="DataType.Text"/>, <see cref="DataType.Int64"/> and <see cref="DataType.TimestampTz"/>.</param>
    /// <returns>A type name for <c>CREATE TABLE</c>.</returns>
    string StoreType(DataType type);

    /// <summary>A value as this engine takes it in a command parameter (for example a UUID as text on SQLite).</summary>
    /// <param name="value">A value in the CLR representation of its <see cref="DataType"/>, or null.</param>
    /// <returns>The value to bind; <see cref="DBNull.Value"/> for null.</returns>
    object ToParameterValue(object? value);

    /// <summary>Creates the bulk writer of one table inside a transaction.</summary>
    /// <param name="connection">The open connection of <paramref name="transaction"/>.</param>
    /// <param name="transaction">The transaction the rows belong to.</param>
    /// <param name="table">The table, optionally schema-qualified.</param>
    /// <param name="columns">The columns written, in the order of every row's values.</param>
    /// <param name="cancellationToken">Cancels the start of the write.</param>
    /// <returns>The writer; dispose it after <see cref="IDataRowWriter.CompleteAsync"/>.</returns>
    ValueTask<IDataRowWriter> CreateWriterAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<DataColumn> columns, CancellationToken cancellationToken = default);
}
