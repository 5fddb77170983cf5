using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>The schema context a dry run uses: a starting schema advanced by the generator's prediction, no database.</summary>
internal sealed class ReplaySqliteSchemaContext(MigrationSqlGenerator generator, DatabaseSchema start) : IMigrationSchemaContext
{
    public DatabaseSchema Schema { get; private set; } = start;

    public ValueTask<DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Schema);

    public void Apply(MigrationOperation operation) => Schema = generator.Apply(Schema, operation);
}
