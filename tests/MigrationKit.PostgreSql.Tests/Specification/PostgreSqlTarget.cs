using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Providers;
using MigrationKit.Specification;

namespace MigrationKit.PostgreSql.Tests.Specification;

/// <summary>The conformance suite on PostgreSQL: each database is a new database on the test server, dropped on dispose.</summary>
public sealed class PostgreSqlTarget : ISpecificationTarget
{
    public string ProviderName => "postgresql";

    public async Task<ISpecificationDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        new Database(await PostgresServer.CreateDatabaseAsync());

    private sealed class Database(TestDatabase database) : ISpecificationDatabase
    {
        public MigrationProvider CreateProvider() => database.Provider();

        public ValueTask DisposeAsync() => database.DisposeAsync();
    }
}
