using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Providers;
using MigrationKit.SafetyRunner.Safety;

namespace MigrationKit.PostgreSql.Tests.Safety;

/// <summary>Runner processes against one PostgreSQL database: eight at once, and kill -9 at random moments.</summary>
public sealed class PostgreSqlProcessSafetyTests : ProcessSafetyFixture
{
    protected override string Provider => "postgresql";

    protected override bool HasRunLock => true;

    protected override async Task<(string ConnectionString, IAsyncDisposable Cleanup)> CreateDatabaseAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        return (database.ConnectionString, database);
    }

    protected override MigrationProvider CreateProvider(string connectionString, TimeSpan lockWaitTimeout) =>
        new PostgreSqlMigrationProvider(connectionString, new PostgreSqlMigrationOptions { LockWaitTimeout = lockWaitTimeout });
}
