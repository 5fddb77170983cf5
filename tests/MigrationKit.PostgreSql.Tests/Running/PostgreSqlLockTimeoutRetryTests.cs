using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MigrationKit.History;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Running;

/// <summary>
/// A migration that needs a table another session keeps locked: it runs into <c>lock_timeout</c> (55P03), is retried
/// with exponential backoff as <see cref="MigrationKitOptions.LockRetry"/> says, and then fails with a
/// <see cref="MigrationBlockedException"/> naming the table and the blocking session; or succeeds once the lock is gone.
/// </summary>
public sealed class PostgreSqlLockTimeoutRetryTests : DatabaseTest
{
    private const string Blocked = "MigrationKit.PostgreSql.Tests.Running.Blocked";

    [TestCase("ACCESS EXCLUSIVE", "AccessExclusiveLock")]
    [TestCase("SHARE", "ShareLock")]
    public async Task MigrateUp_TableKeptLocked_RetriesWithBackoffThenFailsNamingTableAndBlocker(string mode, string lockName)
    {
        await Database.ExecuteAsync("CREATE TABLE busy (id int)");
        var (holder, transaction, holderPid) = await HoldLockAsync(mode);
        await using var holderConnection = holder;
        await using var holderTransaction = transaction;
        var logs = new ListLoggerProvider();
        await using var runner = Runner(logs, maxAttempts: 3);
        var watch = Stopwatch.StartNew();

        var failure = (await FluentActions.Awaiting(() => runner.MigrateUpAsync()).Should().ThrowAsync<MigrationBlockedException>()).Which;
        var elapsed = watch.Elapsed;

        failure.Version.Should().Be(1);
        failure.Attempts.Should().Be(3);
        failure.Statement.Should().Contain("\"busy\"");
        failure.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
        failure.Blocker.Should().NotBeNull();
        failure.Blocker.Should().Contain("table \"public\".\"busy\"").And.Contain($"pid {holderPid}").And.Contain("application 'busy-holder'")
            .And.Contain("state 'idle in transaction'").And.Contain("query started").And.Contain(lockName).And.Contain($"pg_terminate_backend({holderPid})");
        failure.Message.Should().Contain("Migration 1 'Add a column to a busy table'").And.Contain("3 attempt(s)").And.Contain($"pid {holderPid}")
            .And.Contain("rolled back").And.Contain("LockRetry.MaxAttempts");

        // Three lock timeouts of 200 ms and two pauses of at least half of 100 ms and 200 ms.
        elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds((3 * 200) + 50 + 100));
        var retries = logs.Entries.Where(e => e.Id.Id == 1500).ToArray();
        retries.Should().HaveCount(2, "each retry is logged");
        retries.Should().OnlyContain(e => e.Level == LogLevel.Warning && e.Id.Name == "LockTimeoutRetrying" && e.Message.Contains($"pid {holderPid}", StringComparison.Ordinal));
        retries[0].Message.Should().Contain("attempt 1 of 3");
        retries[1].Message.Should().Contain("attempt 2 of 3");

        TestContext.Out.WriteLine($"{mode}: gave up after {elapsed.TotalMilliseconds:0} ms:\n{failure.Message}");
        await holderTransaction.RollbackAsync();
        (await runner.GetHistoryAsync()).Should().BeEmpty("nothing was applied");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'extra'")).Should().Be(0, "no attempt left anything behind");
        (await runner.GetJournalAsync()).Where(j => j.Version == 1 && j.Status == JournalStatus.Failed).Should().HaveCount(3, "the journal records every attempt");
    }

    [Test]
    public async Task MigrateUp_LockReleasedDuringRetries_Succeeds()
    {
        await Database.ExecuteAsync("CREATE TABLE busy (id int)");
        var (holder, transaction, _) = await HoldLockAsync("ACCESS EXCLUSIVE");
        await using var holderConnection = holder;
        await using var holderTransaction = transaction;
        var logs = new ListLoggerProvider();
        await using var runner = Runner(logs, maxAttempts: 10);

        var run = runner.MigrateUpAsync();
        while (!logs.Entries.Any(e => e.Id.Id == 1500))
        {
            run.IsCompleted.Should().BeFalse("the migration waits while the table is locked");
            await Task.Delay(10);
        }

        await holderTransaction.CommitAsync();
        var result = await run;

        result.Steps.Select(s => s.Version).Should().Equal(1L);
        (await Database.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy' AND column_name = 'extra'")).Should().Be(1);
        var journal = await runner.GetJournalAsync();
        journal.Should().ContainSingle(j => j.Version == 1 && j.Status == JournalStatus.Succeeded);
        journal.Count(j => j.Version == 1 && j.Status == JournalStatus.Failed).Should().BeGreaterThanOrEqualTo(1);
    }

    private IMigrationRunner Runner(ListLoggerProvider logs, int maxAttempts) =>
        new MigrationRunnerBuilder()
            .UsePostgreSql(Database.ConnectionString, o => o.LockTimeout = TimeSpan.FromMilliseconds(200))
            .UseLoggerFactory(logs.CreateFactory())
            .AddMigrationsFrom(typeof(PostgreSqlLockTimeoutRetryTests).Assembly, Blocked)
            .Configure(o =>
            {
                o.LockRetry.MaxAttempts = maxAttempts;
                o.LockRetry.BaseDelay = TimeSpan.FromMilliseconds(100);
                o.LockRetry.MaxDelay = TimeSpan.FromMilliseconds(400);
            })
            .Build();

    /// <summary>Another session, named <c>busy-holder</c>, locks <c>busy</c> in a transaction it keeps open.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction, int Pid)> HoldLockAsync(string mode)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { ApplicationName = "busy-holder", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE busy IN {mode} MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return (connection, transaction, connection.ProcessID);
    }
}
