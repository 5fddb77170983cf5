using System.Data.Common;

namespace MigrationKit.Data.Endpoints;

/// <summary>
/// The capability a provider adds for whole-database moves, beside <see cref="IDataEndpoint"/>: which tables and
/// foreign keys a database holds, and the steps after a load (key generators moved past the highest key, foreign keys
/// validated). A separate interface, so an endpoint written before it still works for single-table moves.
/// </summary>
public interface IDataCatalog
{
    /// <summary>Lists the user tables (no system or engine tables), each named as <see cref="IDataEndpoint.DescribeTableAsync"/> takes it.</summary>
    /// <param name="connection">An open connection of this endpoint.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The table names, in no particular order.</returns>
    Task<IReadOnlyList<string>> ListTablesAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>Lists every foreign key between the user tables.</summary>
    /// <param name="connection">An open connection of this endpoint.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The foreign keys, tables named as <see cref="ListTablesAsync"/> names them.</returns>
    Task<IReadOnlyList<DataForeignKey>> ListForeignKeysAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the generators of a table's keys (a sequence owned by a column, an identity column, SQLite's
    /// <c>AUTOINCREMENT</c> counter) past the highest value in the table, so that the application's next insert does
    /// not collide with a moved row. Never moves a generator backwards.
    /// </summary>
    /// <param name="connection">An open connection of this endpoint.</param>
    /// <param name="table">The table.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    /// <returns>The generators of the table that hold a value now (none when the table has no generator or no row).</returns>
    Task<IReadOnlyList<DataKeyGenerator>> AdvanceKeyGeneratorsAsync(DbConnection connection, string table, CancellationToken cancellationToken = default);

    /// <summary>
    /// Has the engine check every row of a foreign key that is not validated yet (PostgreSQL's <c>NOT VALID</c>) and
    /// mark it validated. Engines without that state do nothing.
    /// </summary>
    /// <param name="connection">An open connection of this endpoint.</param>
    /// <param name="foreignKey">The foreign key, as <see cref="ListForeignKeysAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>A task that completes when the foreign key is validated.</returns>
    Task ValidateForeignKeyAsync(DbConnection connection, DataForeignKey foreignKey, CancellationToken cancellationToken = default);
}
