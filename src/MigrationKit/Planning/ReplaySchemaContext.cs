using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Planning;

/// <summary>During a dry run: the live schema read once, then advanced by replaying each scripted operation.</summary>
internal sealed class ReplaySchemaContext(MigrationProvider provider, MigrationSession session, IReadOnlyList<QualifiedName> historyTables) : IMigrationSchemaContext
{
    private DatabaseSchema? _schema;

    public async ValueTask<DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) =>
        _schema ??= (await provider.SchemaReader.ReadAsync(session, cancellationToken).ConfigureAwait(false)).Without(historyTables);

    public async ValueTask ApplyAsync(MigrationOperation operation, CancellationToken cancellationToken)
    {
        var schema = await GetCurrentSchemaAsync(cancellationToken).ConfigureAwait(false);
        _schema = provider.SqlGenerator.Apply(schema, operation);
    }
}
