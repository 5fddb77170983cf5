using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Locking;

/// <summary>The transaction-scoped lock mode: held only inside the runner's transactions, bounded by LockWaitTimeout.</summary>
public sealed class PostgreSqlTransactionLockTests
{
    [Test]
    public async Task MigrateUp_TransactionLockHeldElsewhere_FailsAfterLockWaitTimeoutNamingTheHolder()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var runner = database.Runner("MigrationKit.PostgreSql.Tests.Running.Basic", o =>
        {
            o.LockMode = PostgreSqlLockMode.Transaction;
            o.LockWaitTimeout = TimeSpan.FromMilliseconds(300);
        });
        var key = AdvisoryLockKey.For(new MigrationKit.History.MigrationHistoryOptions().HistoryTable, null);

        await using var holder = await database.DataSource.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", holder, transaction))
        {
            take.Parameters.AddWithValue("key", key.Value);
            await take.ExecuteNonQueryAsync();
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var run = async () => await runner.MigrateUpAsync();
        var error = (await run.Should().ThrowAsync<MigrationLockTimeoutException>()).Which;
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        error.Holder.Should().Contain("pid " + holder.ProcessID);

        await transaction.RollbackAsync();
        (await runner.MigrateUpAsync()).Steps.Should().NotBeEmpty("the lock is free once the holder's transaction ends");
    }
}
