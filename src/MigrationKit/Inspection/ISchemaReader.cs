using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Inspection;

/// <summary>Reads a live database's schema into the provider-neutral model. Implemented by each provider.</summary>
public interface ISchemaReader
{
    /// <summary>Reads every table and view the session can see.</summary>
    /// <param name="session">The open session (and its transaction, if any) to read through.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The schema.</returns>
    ValueTask<DatabaseSchema> ReadAsync(MigrationSession session, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads at least the named tables, so that SQL generation asking about one or two tables does not pay for reading
    /// every table of a large database. The result may hold more tables than asked for; a name that does not exist is
    /// simply absent. The default reads the whole schema; a provider overrides it when it can read less.
    /// </summary>
    /// <param name="session">The open session (and its transaction, if any) to read through.</param>
    /// <param name="tables">The tables wanted, matched as the database matches names.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A schema holding those of the tables that exist.</returns>
    ValueTask<DatabaseSchema> ReadTablesAsync(MigrationSession session, IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default) =>
        ReadAsync(session, cancellationToken);

    /// <summary>
    /// Reads at least the named tables' columns (name, store type, nullability), for SQL generation that only checks
    /// that a referenced table and its columns exist: every migration creating a table with a foreign key asks this. Keys,
    /// constraints, indexes and definitions may be missing from the result, which may also hold more tables than asked
    /// for; a name that does not exist is simply absent. The default is <see cref="ReadTablesAsync"/>; a provider
    /// overrides it when columns alone cost less to read.
    /// </summary>
    /// <param name="session">The open session (and its transaction, if any) to read through.</param>
    /// <param name="tables">The tables wanted, matched as the database matches names.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A schema holding those of the tables that exist, with at least their columns.</returns>
    ValueTask<DatabaseSchema> ReadTableColumnsAsync(MigrationSession session, IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default) =>
        ReadTablesAsync(session, tables, cancellationToken);

    /// <summary>Whether a table exists: a single cheap query, used on every run to find the history table.</summary>
    /// <param name="session">The open session.</param>
    /// <param name="table">The table.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when the table exists.</returns>
    ValueTask<bool> TableExistsAsync(MigrationSession session, QualifiedName table, CancellationToken cancellationToken = default);
}
