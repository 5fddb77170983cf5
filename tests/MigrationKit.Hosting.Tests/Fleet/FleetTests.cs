using Microsoft.Data.Sqlite;
using MigrationKit.Fleet;
using Microsoft.Extensions.Logging;

namespace MigrationKit.Hosting.Tests.Fleet;

public sealed class FleetTests
{
    private const long V1 = 2026_12_01_0900;
    private const long V2 = 2026_12_01_0930;
    private string _directory = null!;

    [SetUp]
    public void CreateFolder()
    {
        _directory = Path.Combine(Path.GetTempPath(), "migrationkit-fleet-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task Twenty_SQLite_databases_one_failing_the_rest_migrated_and_the_report_exact()
    {
        var targets = Enumerable.Range(1, 20).Select(i => new FleetTarget($"tenant-{i:00}", $"Data Source={Path.Combine(_directory, $"tenant-{i:00}.db")}")).ToArray();
        await ExecuteSqliteAsync(targets[6], "CREATE TABLE orders (id INTEGER PRIMARY KEY)"); // tenant-07: migration 2 will collide
        var log = new ListLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log));
        var fleet = new MigrationFleet(SqliteRunner, loggerFactory);

        var report = await fleet.RunAsync(targets, new FleetRunOptions { MaxParallelism = 4 });

        report.Targets.Select(t => t.Target).Should().Equal(targets.Select(t => t.Name), "the report keeps the targets' order");
        report.Succeeded.Should().BeFalse();
        report.CanaryFailed.Should().BeFalse();
        var failed = report.Failed.Should().ContainSingle().Which;
        failed.Should().BeEquivalentTo(new { Target = "tenant-07", IsCanary = false, Outcome = FleetOutcome.Failed, VersionBefore = (long?)0, VersionAfter = (long?)V1, Applied = new[] { V1 } });
        failed.Error.Should().BeOfType<MigrationFailedException>().Which.Version.Should().Be(V2);
        report.Targets.Where(t => t.Target != "tenant-07").Should().HaveCount(19).And.OnlyContain(t =>
            t.Outcome == FleetOutcome.Migrated && t.VersionBefore == 0 && t.VersionAfter == V2 && t.Applied.SequenceEqual(new[] { V1, V2 }) && t.Error == null && !t.IsCanary && t.Duration > TimeSpan.Zero);
        foreach (var target in targets.Where(t => t.Name != "tenant-07"))
        {
            await using var runner = SqliteRunner(target);
            (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue(target.Name + " is migrated");
        }

        log.Count("TargetFailed").Should().Be(1);
        log.Entries.Should().ContainSingle(e => e.Id.Name == "FleetCompleted").Which.Message.Should().Be("Fleet run done: 19 migrated, 0 up to date, 1 failed, 0 skipped");

        // Fixed and run again: the failed target catches up, the others have nothing to do.
        await ExecuteSqliteAsync(targets[6], "DROP TABLE orders");
        var again = await fleet.RunAsync(targets, new FleetRunOptions { MaxParallelism = 4 });

        again.Succeeded.Should().BeTrue();
        again.Targets[6].Should().BeEquivalentTo(new { Outcome = FleetOutcome.Migrated, VersionBefore = (long?)V1, VersionAfter = (long?)V2, Applied = new[] { V2 } });
        again.Targets.Where(t => t.Target != "tenant-07").Should().OnlyContain(t => t.Outcome == FleetOutcome.UpToDate && t.VersionBefore == V2 && t.VersionAfter == V2 && t.Applied.Count == 0);
    }

    [Test]
    public async Task A_failing_canary_skips_every_other_target_and_leaves_them_untouched()
    {
        var targets = Enumerable.Range(1, 6).Select(i => new FleetTarget($"db-{i}", $"Data Source={Path.Combine(_directory, $"db-{i}.db")}")).ToArray();
        await ExecuteSqliteAsync(targets[1], "CREATE TABLE orders (id INTEGER PRIMARY KEY)");

        var report = await new MigrationFleet(SqliteRunner).RunAsync(targets, new FleetRunOptions { Canaries = 2, MaxParallelism = 2 });

        report.CanaryFailed.Should().BeTrue();
        report.Targets.Select(t => (t.Target, t.IsCanary, t.Outcome)).Should().Equal(
            ("db-1", true, FleetOutcome.Migrated),
            ("db-2", true, FleetOutcome.Failed),
            ("db-3", false, FleetOutcome.Skipped),
            ("db-4", false, FleetOutcome.Skipped),
            ("db-5", false, FleetOutcome.Skipped),
            ("db-6", false, FleetOutcome.Skipped));
        report.Targets.Skip(2).Should().OnlyContain(t => t.VersionBefore == null && t.VersionAfter == null && t.Applied.Count == 0 && t.Error == null);
        foreach (var target in targets.Skip(2))
        {
            await using var runner = SqliteRunner(target);
            (await runner.GetHistoryAsync()).Should().BeEmpty(target.Name + " was never touched");
        }
    }

    [Test]
    public async Task Canaries_that_pass_let_the_rest_run_up_to_the_target_version()
    {
        var targets = Enumerable.Range(1, 4).Select(i => new FleetTarget($"db-{i}", $"Data Source={Path.Combine(_directory, $"db-{i}.db")}")).ToArray();

        var report = await new MigrationFleet(SqliteRunner).RunAsync(targets, new FleetRunOptions { Canaries = 1, TargetVersion = V1 });

        report.Succeeded.Should().BeTrue();
        report.Targets.Select(t => t.IsCanary).Should().Equal(true, false, false, false);
        report.Targets.Should().OnlyContain(t => t.Outcome == FleetOutcome.Migrated && t.VersionAfter == V1 && t.Applied.SequenceEqual(new[] { V1 }));
    }

    [Test]
    public async Task Five_PostgreSQL_databases_one_failing_the_rest_migrated_and_the_report_exact()
    {
        var databases = new List<PostgresDatabase>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                databases.Add(await PostgresServer.CreateDatabaseAsync());
            }

            var targets = databases.Select((d, i) => new FleetTarget($"pg-{i + 1}", d.ConnectionString)).ToArray();
            await databases[2].ScalarAsync<int>("CREATE TABLE orders (id bigint PRIMARY KEY); SELECT 1");

            var report = await new MigrationFleet(t => new MigrationRunnerBuilder().UsePostgreSql(t.ConnectionString).AddMigrationsFrom(typeof(FleetTests).Assembly, SqliteTest.Shop).Build())
                .RunAsync(targets, new FleetRunOptions { MaxParallelism = 3 });

            report.Targets.Select(t => (t.Target, t.Outcome, t.VersionBefore, t.VersionAfter)).Should().Equal(
                ("pg-1", FleetOutcome.Migrated, 0L, V2),
                ("pg-2", FleetOutcome.Migrated, 0L, V2),
                ("pg-3", FleetOutcome.Failed, 0L, V1),
                ("pg-4", FleetOutcome.Migrated, 0L, V2),
                ("pg-5", FleetOutcome.Migrated, 0L, V2));
            report.Targets[2].Error.Should().BeOfType<MigrationFailedException>().Which.Version.Should().Be(V2);
            report.Targets[2].Applied.Should().Equal(V1);
            report.Targets.Where((_, i) => i != 2).Should().OnlyContain(t => t.Applied.SequenceEqual(new[] { V1, V2 }) && t.Error == null);
            (await databases[0].ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('customers', 'orders')")).Should().Be(2);
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task No_more_targets_than_MaxParallelism_run_at_once()
    {
        var databases = new List<PostgresDatabase>();
        var gates = new List<Npgsql.NpgsqlConnection>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var database = await PostgresServer.CreateDatabaseAsync();
                databases.Add(database);
                var gate = new Npgsql.NpgsqlConnection(database.ConnectionString);
                await gate.OpenAsync();
                await using (var hold = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(4243, 1)", gate))
                {
                    await hold.ExecuteNonQueryAsync();
                }

                gates.Add(gate);
            }

            var started = 0;
            var fleet = new MigrationFleet(t =>
            {
                Interlocked.Increment(ref started);
                return new MigrationRunnerBuilder().UsePostgreSql(t.ConnectionString, Startup.PostgreSqlStartupTests.WaitAtGateWithoutTimeouts).AddMigrationsFrom(typeof(FleetTests).Assembly, "MigrationKit.Hosting.Tests.Migrations.Gated").Build();
            });
            var run = fleet.RunAsync(databases.Select((d, i) => new FleetTarget($"pg-{i + 1}", d.ConnectionString)), new FleetRunOptions { MaxParallelism = 2 });

            // Two targets wait at their gates, inside migration 2; neither can finish, so no third target may have started.
            await TestHost.UntilAsync(async () => await databases[0].ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 4243 AND objid = 1 AND NOT granted") == 2, "two targets wait at their gates");
            Volatile.Read(ref started).Should().Be(2);
            run.IsCompleted.Should().BeFalse();

            foreach (var gate in gates)
            {
                await gate.DisposeAsync();
            }

            gates.Clear();
            var report = await run.WaitAsync(TimeSpan.FromMinutes(2));

            report.Succeeded.Should().BeTrue();
            report.Targets.Should().OnlyContain(t => t.Outcome == FleetOutcome.Migrated && t.VersionBefore == 0 && t.VersionAfter == 2);
            started.Should().Be(5);
        }
        finally
        {
            foreach (var gate in gates)
            {
                await gate.DisposeAsync();
            }

            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Bad_input_is_refused_and_a_password_never_shows()
    {
        var fleet = new MigrationFleet(SqliteRunner);
        var target = new FleetTarget("tenant-a", "Host=db;Username=app;Password=s3cret-value");

        var duplicate = () => fleet.RunAsync([target, new FleetTarget("tenant-a", "Data Source=x.db")]);
        var none = () => fleet.RunAsync([]);

        (await duplicate.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("tenant-a");
        await none.Should().ThrowAsync<ArgumentException>();
        target.ToString().Should().Be("tenant-a");
        new FleetRunOptions().Invoking(o => o.MaxParallelism = 0).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static IMigrationRunner SqliteRunner(FleetTarget target) =>
        new MigrationRunnerBuilder().UseSqlite(target.ConnectionString).AddMigrationsFrom(typeof(FleetTests).Assembly, SqliteTest.Shop).Build();

    private static async Task ExecuteSqliteAsync(FleetTarget target, string sql)
    {
        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
