using System.Data.Common;
using MigrationKit.Inspection;
using MigrationKit.Providers;

namespace MigrationKit.Tests.Support;

/// <summary>
/// A provider that is only ever configured, never used to reach a database: everything that would touch one throws.
/// It counts its disposals so that tests can check who owns it.
/// </summary>
internal sealed class TestMigrationProvider : MigrationProvider, IAsyncDisposable
{
    public override string Name => TestSqlGenerator.DefaultProviderName;

    public override string DisplayName => "test database";

    public override MigrationSqlGenerator SqlGenerator { get; } = new TestSqlGenerator();

    public override ISchemaReader SchemaReader => throw new NotSupportedException("The test provider has no database.");

    public int DisposeCount { get; private set; }

    public override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The test provider has no database.");

    public ValueTask DisposeAsync()
    {
        DisposeCount++;
        return ValueTask.CompletedTask;
    }
}
