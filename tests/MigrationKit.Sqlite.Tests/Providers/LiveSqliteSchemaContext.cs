using MigrationKit.Inspection;
using MigrationKit.Providers;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>The schema context a run uses: the live schema, read through the session (and its transaction).</summary>
internal sealed class LiveSqliteSchemaContext(MigrationProvider provider, MigrationSession session) : IMigrationSchemaContext
{
    public ValueTask<DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) =>
        provider.SchemaReader.ReadAsync(session, cancellationToken);
}
