using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Providers;

/// <summary>
/// What SQL generation may ask about the database as it stands before the operation being generated: the live
/// schema during a run, or the schema predicted by replaying earlier operations during a dry run.
/// </summary>
public interface IMigrationSchemaContext
{
    /// <summary>The schema just before the operation being generated.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The schema.</returns>
    ValueTask<DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// At least the named tables as they stand just before the operation (more may be included; a missing name is
    /// absent). Cheaper than <see cref="GetCurrentSchemaAsync"/> during a run on a database with many tables. The
    /// default returns the whole current schema.
    /// </summary>
    /// <param name="tables">The tables wanted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A schema holding those of the tables that exist.</returns>
    ValueTask<DatabaseSchema> GetTablesAsync(IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default) =>
        GetCurrentSchemaAsync(cancellationToken);

    /// <summary>
    /// At least the named tables with at least their columns, as they stand just before the operation: keys,
    /// constraints, indexes and definitions may be missing (more tables may be included; a missing name is absent).
    /// For generation that only checks that a referenced table and its columns exist; cheaper than
    /// <see cref="GetTablesAsync"/> during a run. The default returns <see cref="GetTablesAsync"/>.
    /// </summary>
    /// <param name="tables">The tables wanted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A schema holding those of the tables that exist, with at least their columns.</returns>
    ValueTask<DatabaseSchema> GetTableColumnsAsync(IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default) =>
        GetTablesAsync(tables, cancellationToken);
}
