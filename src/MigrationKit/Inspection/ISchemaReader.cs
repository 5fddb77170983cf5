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

    /// <summary>Whether a table exists: a single cheap query, used on every run to find the history table.</summary>
    /// <param name="session">The open session.</param>
    /// <param name="table">The table.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when the table exists.</returns>
    ValueTask<bool> TableExistsAsync(MigrationSession session, QualifiedName table, CancellationToken cancellationToken = default);
}
