using MigrationKit.Health;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Health;

/// <summary>
/// What only PostgreSQL reports: a lock wait with its blocker and the longest open transaction (held by the test),
/// dead rows and the last vacuum and analyze, and the slowest statements from <c>pg_stat_statements</c> or, without the
/// extension, the remedy.
/// </summary>
public sealed class PostgreSqlHealthTests : DatabaseTest
{
    private const string Accounts = "MigrationKit.PostgreSql.Tests.Health.Accounts";

    // Generous: the machine is shared and slow; the loops end as soon as the state is there.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly QualifiedName AccountsTable = new("accounts");

    [Test]
    public async Task LockWait_IsShownWithItsBlocker_AndTheHolderIsTheLongestTransaction()
    {
        await using var runner = Database.Runner(Accounts);
        await runner.MigrateUpAsync();
        await Database.ExecuteAsync("INSERT INTO accounts (id, balance) VALUES (1, 100)");

        await using var holder = await OpenAsync("health-holder");
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE", holder, transaction))
        {
            await command.ExecuteScalarAsync();
        }

        await using var waiter = await OpenAsync("health-waiter");
        await using var update = new NpgsqlCommand("UPDATE accounts SET balance = balance + 1 WHERE id = 1", waiter);
        var blocked = update.ExecuteNonQueryAsync();

        var health = await PollAsync(runner, h => h.LockWaits.Any(w => w.ProcessId == waiter.ProcessID), "the UPDATE to wait for the row lock");

        var wait = health.LockWaits.Should().ContainSingle(w => w.ProcessId == waiter.ProcessID, health.ToJson()).Which;
        wait.BlockingProcessIds.Should().Equal(holder.ProcessID);
        wait.Relation.Should().Be("accounts");
        wait.LockType.Should().Be("transactionid", "a row lock is a wait for the transaction that holds the row");
        wait.Mode.Should().Be("ShareLock");
        wait.ApplicationName.Should().Be("health-waiter");
        wait.Query.Should().StartWith("UPDATE accounts");
        wait.WaitingSince.Should().NotBeNull();
        blocked.IsCompleted.Should().BeFalse("the UPDATE waits while the test holds the row");

        var longest = health.LongestTransaction.Should().NotBeNull().And.Subject.Should().BeOfType<OpenTransaction>().Subject;
        longest.ProcessId.Should().Be(holder.ProcessID);
        longest.State.Should().Be("idle in transaction");
        longest.ApplicationName.Should().Be("health-holder");
        longest.Query.Should().Contain("FOR UPDATE");
        longest.StartedAt.Should().NotBeNull();
        longest.Age.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);

        await transaction.RollbackAsync();
        (await blocked).Should().Be(1, "the UPDATE goes through once the row is released");
        var after = await runner.GetHealthAsync();
        after.LockWaits.Should().BeEmpty(after.ToJson());
        after.LongestTransaction.Should().BeNull("no transaction is left open");
    }

    [Test]
    public async Task Table_ReportsDeadRowsSizesAndTheLastVacuumAndAnalyze()
    {
        await using var runner = Database.Runner(Accounts);
        await runner.MigrateUpAsync();
        await using (var connection = await OpenAsync("health-writer"))
        {
            // Statistics reach shared memory when the session goes idle; ask for the flush then rather than after a pause.
            await using var command = new NpgsqlCommand("INSERT INTO accounts (id) SELECT g FROM generate_series(1, 10) AS g; DELETE FROM accounts WHERE id <= 4; SELECT pg_stat_force_next_flush()", connection);
            await command.ExecuteNonQueryAsync();
        }

        var health = await PollAsync(runner, h => AccountsOf(h).DeadRows == 4, "four deleted rows to be counted dead");

        var accounts = AccountsOf(health);
        accounts.Rows.Should().Be(6);
        accounts.RowsExact.Should().BeTrue();
        accounts.SizeBytes.Should().BePositive();
        accounts.IndexSizeBytes.Should().BePositive("the primary key has an index");
        accounts.LastVacuum.Should().BeNull("nobody vacuumed it yet");
        accounts.LastAnalyze.Should().BeNull();
        health.NotAvailable.Should().BeEmpty("PostgreSQL reports every part");

        var before = DateTimeOffset.UtcNow;
        await Database.ExecuteAsync("VACUUM (ANALYZE) accounts");
        var vacuumed = await PollAsync(runner, h => AccountsOf(h).LastVacuum is not null && AccountsOf(h).LastAnalyze is not null, "the vacuum and analyze to be recorded");

        AccountsOf(vacuumed).DeadRows.Should().Be(0, "the vacuum removed the dead rows");
        AccountsOf(vacuumed).LastVacuum.Should().BeOnOrAfter(before.AddMinutes(-1));
        AccountsOf(vacuumed).LastAnalyze.Should().BeOnOrAfter(before.AddMinutes(-1));
    }

    [Test]
    public async Task SlowStatements_WithoutTheExtension_AreNotAvailableWithTheRemedy()
    {
        await using var runner = Database.Runner(Accounts);

        var health = await runner.GetHealthAsync();

        health.Reachable.Should().BeTrue(health.ToString());
        health.SlowStatements.Should().BeEmpty();
        health.SlowStatementsUnavailable.Should().StartWith("not available").And.Contain("CREATE EXTENSION pg_stat_statements").And.Contain($"'{Database.Name}'");
        if (await Database.ScalarAsync<string?>("SELECT current_setting('pg_stat_statements.max', true)") is null)
        {
            health.SlowStatementsUnavailable.Should().Contain("shared_preload_libraries", "without the library loaded, the remedy starts there");
        }
    }

    [Test]
    public async Task SlowStatements_WithTheExtension_IncludeAStatementTheTestRan()
    {
        if (await Database.ScalarAsync<string?>("SELECT current_setting('pg_stat_statements.max', true)") is null)
        {
            if (PostgresServer.IsPrivateCluster)
            {
                Assert.Fail("The private test cluster should preload pg_stat_statements (PostgresCluster starts it with shared_preload_libraries=pg_stat_statements when the library is installed next to the binaries).");
            }

            Assert.Inconclusive("The server of MIGRATIONKIT_PG does not preload pg_stat_statements.");
        }

        await Database.ExecuteAsync("CREATE EXTENSION pg_stat_statements");
        await using var runner = Database.Runner(Accounts, options: o => o.Health.SlowStatementCount = 100);
        for (var i = 0; i < 3; i++)
        {
            (await Database.ScalarAsync<long>("SELECT count(*) FROM generate_series(1, 50000) AS health_probe(n)")).Should().Be(50000);
        }

        var health = await runner.GetHealthAsync();

        health.SlowStatementsUnavailable.Should().BeNull(health.ToJson());
        var probe = health.SlowStatements.Should().ContainSingle(s => s.Query.Contains("health_probe", StringComparison.Ordinal), health.ToJson()).Which;
        probe.Calls.Should().Be(3);
        probe.Rows.Should().Be(3, "each call returned one row");
        probe.TotalTime.Should().BePositive();
        probe.MeanTime.Should().BePositive().And.BeLessThanOrEqualTo(probe.TotalTime);
        health.SlowStatements.Should().BeInDescendingOrder(s => s.TotalTime);
    }

    [Test]
    public async Task SlowStatements_RankedByMeanTime_WhenAsked()
    {
        if (await Database.ScalarAsync<string?>("SELECT current_setting('pg_stat_statements.max', true)") is null)
        {
            if (PostgresServer.IsPrivateCluster)
            {
                Assert.Fail("The private test cluster should preload pg_stat_statements (see SlowStatements_WithTheExtension_IncludeAStatementTheTestRan).");
            }

            Assert.Inconclusive("The server of MIGRATIONKIT_PG does not preload pg_stat_statements.");
        }

        await Database.ExecuteAsync("CREATE EXTENSION pg_stat_statements");
        await using var runner = Database.Runner(Accounts, options: o =>
        {
            o.Health.SlowStatementOrder = SlowStatementOrder.MeanTime;
            o.Health.SlowStatementCount = 3;
        });
        await Database.ExecuteAsync("SELECT count(*) FROM generate_series(1, 50000)");

        var health = await runner.GetHealthAsync();

        health.SlowStatements.Should().HaveCount(3).And.BeInDescendingOrder(s => s.MeanTime);
    }

    private static TableHealth AccountsOf(DatabaseHealth health) => health.Tables.Single(t => t.Table == AccountsTable);

    private static async Task<DatabaseHealth> PollAsync(IMigrationRunner runner, Func<DatabaseHealth, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var health = await runner.GetHealthAsync();
            if (condition(health))
            {
                return health;
            }

            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Waited {Deadline.TotalSeconds} s for {what}; the last report: {health.ToJson()}");
            }

            // The poll's pace, not a wait for the state: the loop ends as soon as the report shows it.
            await Task.Delay(20);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(string application)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { ApplicationName = application, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
