using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.Providers;
using MigrationKit.SafetyRunner.Safety;

namespace MigrationKit.PostgreSql.Tests.Safety;

/// <summary>
/// The same process tests with <see cref="PostgreSqlLockMode.Transaction"/> (a <c>pg_advisory_xact_lock</c> per
/// migration transaction, the mode for transaction-pooling PgBouncer): no run-level lock, so several processes share
/// the work, and each migration is still applied exactly once. Fewer rounds than the session-lock fixture to keep CI short.
/// </summary>
public sealed class PostgreSqlTransactionLockProcessSafetyTests : ProcessSafetyFixture
{
    protected override string Provider => "postgresql";

    protected override bool HasRunLock => false;

    protected override string? LockMode => nameof(PostgreSqlLockMode.Transaction);

    protected override int Rounds => 5;

    protected override int KillTrials => 10;

    protected override async Task<(string ConnectionString, IAsyncDisposable Cleanup)> CreateDatabaseAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        return (database.ConnectionString, database);
    }

    protected override MigrationProvider CreateProvider(string connectionString, TimeSpan lockWaitTimeout) =>
        new PostgreSqlMigrationProvider(connectionString, new PostgreSqlMigrationOptions { LockWaitTimeout = lockWaitTimeout, LockMode = PostgreSqlLockMode.Transaction });
}
