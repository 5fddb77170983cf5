using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Execution;

/// <summary>During a run: the current schema is read from the database, inside the migration's transaction.</summary>
internal sealed class LiveSchemaContext(MigrationProvider provider, MigrationSession session, IReadOnlyList<QualifiedName> historyTables) : IMigrationSchemaContext
{
    public async ValueTask<DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) =>
        (await provider.SchemaReader.ReadAsync(session, cancellationToken).ConfigureAwait(false)).Without(historyTables);

    public async ValueTask<DatabaseSchema> GetTablesAsync(IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default) =>
        (await provider.SchemaReader.ReadTablesAsync(session, tables, cancellationToken).ConfigureAwait(false)).Without(historyTables);

    public async ValueTask<DatabaseSchema> GetTableColumnsAsync(IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default) =>
        (await provider.SchemaReader.ReadTableColumnsAsync(session, tables, cancellationToken).ConfigureAwait(false)).Without(historyTables);
}
