using System.Diagnostics;
using MigrationKit.History;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Running;

/// <summary>The runner on PostgreSQL: schemas, transactions, CONCURRENTLY, per-migration timeouts, concurrent runners.</summary>
public sealed class PostgreSqlRunnerTests : DatabaseTest
{
    private const string Basic = "MigrationKit.PostgreSql.Tests.Running.Basic";

    [Test]
    public async Task MigrateUp_NamedSchema_PutsTablesHistoryAndJournalInThatSchema()
    {
        await using var runner = Database.Runner(Basic, o => o.Schema = "app");

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2);
        (await Database.ColumnAsync("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"))
            .Should().Equal("app.__migrationkit_history", "app.__migrationkit_history_digest", "app.__migrationkit_journal", "app.__migrationkit_runs", "app.items");
        var schema = await runner.ReadSchemaAsync();
        schema.Tables.Select(t => t.Name).Should().Equal(new Operations.QualifiedName("items"));
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
        (await runner.GetJournalAsync()).Where(j => j.Status == JournalStatus.Succeeded).Select(j => j.Version).Should().Equal(1L, 2L);

        await runner.MigrateDownAsync(0);

        (await Database.ColumnAsync("SELECT tablename FROM pg_tables WHERE schemaname = 'app' ORDER BY 1"))
            .Should().Equal("__migrationkit_history", "__migrationkit_history_digest", "__migrationkit_journal", "__migrationkit_runs");
    }

    [Test]
    public async Task MigrateUp_DataSourceOwnedByCaller_SetsSearchPathAndLeavesDataSourceOpen()
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using (var runner = new MigrationRunnerBuilder()
            .UsePostgreSql(dataSource, o => o.Schema = "tenant_a")
            .AddMigrationsFrom(typeof(PostgreSqlRunnerTests).Assembly, Basic)
            .Build())
        {
            (await runner.MigrateUpAsync()).Steps.Should().HaveCount(2);
        }

        await using var command = dataSource.CreateCommand("SELECT count(*) FROM tenant_a.items");
        (await command.ExecuteScalarAsync()).Should().Be(0L, "the table is in the schema, and disposing the runner did not dispose the caller's data source");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).Should().Be(0);
    }

    [Test]
    public async Task MigrateUp_SixRunnersAtOnce_ApplyEachMigrationExactlyOnce()
    {
        var runners = Enumerable.Range(0, 6).Select(i => Database.Runner(Basic, options: o => o.AppliedBy = $"replica-{i}")).ToArray();
        try
        {
            var results = await Task.WhenAll(runners.Select(r => Task.Run(() => r.MigrateUpAsync())));

            results.SelectMany(r => r.Steps).Select(s => s.Version).Should().BeEquivalentTo([1L, 2L], "the advisory lock lets one runner apply them and the others find nothing pending");
            (await runners[0].GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
            (await runners[0].GetJournalAsync()).Where(j => j.Status == JournalStatus.Succeeded).Should().HaveCount(2);
        }
        finally
        {
            foreach (var runner in runners)
            {
                await runner.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task MigrateUp_ConcurrentIndexInMigrationWithoutTransaction_BuildsValidIndexAndReverts()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.Concurrent");

        await runner.MigrateUpAsync();

        (await Database.ScalarAsync<bool>("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_events_kind'::regclass")).Should().BeTrue();
        await runner.MigrateDownAsync(1);
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'ix_events_kind'")).Should().Be(0);
        var report = await runner.CheckReversibilityAsync();
        report.IsReversible.Should().BeTrue(report.ToString());
    }

    [Test]
    public async Task MigrateUp_ConcurrentIndexInTransactionalMigration_IsRefusedBeforeAnythingRuns()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.ConcurrentInTransaction");

        var act = () => runner.MigrateUpAsync();

        (await act.Should().ThrowAsync<InvalidMigrationException>()).WithMessage("*cannot run inside a transaction*");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'events'")).Should().Be(0);
    }

    [Test]
    public async Task MigrateUp_Timeouts_UseMigrationLimitsElseOptionDefaults()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.Timeouts", o =>
        {
            o.LockTimeout = TimeSpan.FromSeconds(7);
            o.StatementTimeout = TimeSpan.FromMinutes(5);
        });

        await runner.MigrateUpAsync();

        (await Database.ColumnAsync("SELECT version || ': ' || lock_timeout || ' / ' || statement_timeout FROM probe ORDER BY version"))
            .Should().Equal("2: 7s / 5min", "3: 1500ms / 1min", "4: 0 / 5min");
    }

    [Test]
    public async Task MigrateUp_TableLockedByAnotherSession_FailsQuicklyWithLockTimeout()
    {
        await Database.ExecuteAsync("CREATE TABLE busy (id int)");
        await using var holder = await Database.DataSource.OpenConnectionAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE busy IN ACCESS SHARE MODE", holder, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.Blocked", o => o.LockTimeout = TimeSpan.FromMilliseconds(300), o => o.LockRetry.MaxAttempts = 1);
        var watch = Stopwatch.StartNew();

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationBlockedException>()).Which;
        failure.Attempts.Should().Be(1);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        failure.Version.Should().Be(1);
        failure.InnerException.Should().BeOfType<PostgresException>().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
        await transaction.RollbackAsync();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.GetJournalAsync()).Should().ContainSingle(j => j.Status == JournalStatus.Failed && j.Version == 1);
    }

    [Test]
    public async Task MigrateUp_IdentifierLongerThan63Bytes_FailsNamingItInsteadOfTruncating()
    {
        await using var runner = Database.Runner("MigrationKit.PostgreSql.Tests.Running.LongName");

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.InnerException.Should().BeOfType<ArgumentException>().Which.Message.Should().Contain(new string('t', 64)).And.Contain("64 bytes").And.Contain("63");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'ttt%'")).Should().Be(0);
    }

    [Test]
    public async Task Script_EmptyDatabase_ReturnsPostgreSqlStatementsAndChangesNothing()
    {
        await using var runner = Database.Runner(Basic, o => o.Schema = "scripted");

        var script = await runner.ScriptAsync();

        script.Steps.Select(s => s.Version).Should().Equal(1, 2);
        script.Steps[0].Statements.Should().ContainSingle().Which.Should().StartWith("CREATE TABLE \"items\"")
            .And.Contain("\"id\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL").And.Contain("DEFAULT now()");
        script.Steps[1].Statements.Should().Equal(
            "ALTER TABLE \"items\" ADD COLUMN \"price\" numeric(10,2) NOT NULL DEFAULT 0",
            "CREATE INDEX \"ix_items_price\" ON \"items\" (\"price\")");
        (await Database.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE schemaname = 'scripted'")).Should().Be(0, "a dry run creates neither tables nor history");
    }

    [Test]
    public async Task CheckReversibility_BasicMigrations_ReportsNoProblems()
    {
        await using var runner = Database.Runner(Basic);

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2);
        report.IsReversible.Should().BeTrue(report.ToString());
    }
}
