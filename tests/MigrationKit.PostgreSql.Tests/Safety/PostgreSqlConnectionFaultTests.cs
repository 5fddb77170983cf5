using System.Diagnostics;
using System.Globalization;
using MigrationKit.History;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Safety;

/// <summary>
/// Connection faults in the middle of a run: the connection running a migration, or the one holding the migration lock,
/// ended with <c>pg_terminate_backend</c> from an admin connection while a migration (chosen at random, seed printed) is
/// executing: it waits for an advisory lock the test holds (<see cref="FaultGate"/>), so the fault always lands mid-migration.
/// Each trial checks the typed error names the migration, that schema and history agree, and that a rerun completes.
/// Trials per test: <c>MIGRATIONKIT_FAULT_TRIALS</c> (default 10).
/// </summary>
public sealed class PostgreSqlConnectionFaultTests
{
    private const string Faults = "MigrationKit.PostgreSql.Tests.Safety.Faults";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static int Trials => int.TryParse(Environment.GetEnvironmentVariable("MIGRATIONKIT_FAULT_TRIALS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10;

    [Test]
    public async Task TerminateMigrationConnection_MidMigration_FailsNamingItAndRerunCompletes()
    {
        var seed = TestContext.CurrentContext.Random.Next();
        TestContext.Out.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var target = random.Next(1, 5);
            await using var database = await PostgresServer.CreateDatabaseAsync();
            await using var runner = database.Runner(Faults, options: o => o.AppliedBy = "fault-trial");
            var gate = await FaultGate.HoldAsync(database, target);
            var run = runner.MigrateUpAsync();

            var pid = await FindBackendAsync(database.Name, FaultGate.Waiting(target));
            (await TerminateAsync(pid)).Should().BeTrue();
            await gate.DisposeAsync();

            var failure = (await FluentActions.Awaiting(() => run).Should().ThrowAsync<MigrationFailedException>($"trial {trial}")).Which;
            failure.Version.Should().Be(target, "the error names the migration whose connection was ended");
            failure.Transactional.Should().BeTrue();
            failure.Message.Should().Contain($"Migration {target} 'Fault {target}'").And.Contain("rolled back");
            failure.InnerException.Should().BeAssignableTo<NpgsqlException>();

            await AssertConsistentAsync(database, target - 1, trial);
            var journal = await runner.GetJournalAsync();
            journal.Should().Contain(j => j.Version == target && j.Status == JournalStatus.Started, "the journal shows the interrupted step");

            var rerun = await runner.MigrateUpAsync();
            rerun.Steps.Select(s => s.Version).Should().Equal(Enumerable.Range(target, 5 - target).Select(v => (long)v), $"the rerun applies what was left (trial {trial})");
            await AssertConsistentAsync(database, 4, trial);
        }

        TestContext.Out.WriteLine($"migration connection terminated mid-migration: {Trials} trials in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task TerminateLockConnection_MidMigration_StopsBeforeCommitWithLockLostAndRerunCompletes()
    {
        var seed = TestContext.CurrentContext.Random.Next();
        TestContext.Out.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        for (var trial = 1; trial <= Trials; trial++)
        {
            var target = random.Next(1, 5);
            await using var database = await PostgresServer.CreateDatabaseAsync();
            await using var runner = database.Runner(Faults, options: o => o.AppliedBy = "fault-trial");
            var gate = await FaultGate.HoldAsync(database, target);
            var run = runner.MigrateUpAsync();

            await FindBackendAsync(database.Name, FaultGate.Waiting(target));
            var lockPid = await FindBackendAsync(database.Name, "application_name LIKE '%[migration lock]'");
            (await TerminateAsync(lockPid)).Should().BeTrue();

            // The migration goes on once the gate opens, and finds the lock lost before it commits.
            await gate.DisposeAsync();

            var failure = (await FluentActions.Awaiting(() => run).Should().ThrowAsync<MigrationFailedException>($"trial {trial}")).Which;
            failure.Version.Should().Be(target, "the run stops at the migration in progress when the lock is lost");
            failure.InnerException.Should().BeOfType<MigrationLockLostException>().Which.Message.Should().Contain("lock").And.Contain("Run again");
            failure.Message.Should().Contain($"Migration {target} 'Fault {target}'");

            await AssertConsistentAsync(database, target - 1, trial);
            (await CountLocksAsync(database)).Should().Be(0, "no advisory lock is left behind");

            var rerun = await runner.MigrateUpAsync();
            rerun.Steps.Select(s => s.Version).Should().Equal(Enumerable.Range(target, 5 - target).Select(v => (long)v), $"the rerun applies what was left (trial {trial})");
            await AssertConsistentAsync(database, 4, trial);
        }

        TestContext.Out.WriteLine($"lock connection terminated mid-migration: {Trials} trials in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task LockConnection_CarriesItsOwnApplicationName()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await using var runner = new MigrationRunnerBuilder()
            .UsePostgreSql(new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "orders-api" }.ConnectionString)
            .AddMigrationsFrom(typeof(PostgreSqlConnectionFaultTests).Assembly, Faults)
            .Build();
        var gate = await FaultGate.HoldAsync(database, 1);
        var run = runner.MigrateUpAsync();
        await FindBackendAsync(database.Name, FaultGate.Waiting(1));
        var names = await AdminColumnAsync($"SELECT application_name FROM pg_stat_activity WHERE datname = '{database.Name}' AND application_name LIKE 'orders-api%' ORDER BY application_name");
        await gate.DisposeAsync();
        await run;

        names.Should().Contain("orders-api").And.Contain("orders-api [migration lock]");
    }

    /// <summary>
    /// Holds the advisory lock <c>(4242, N)</c> in the test database on a connection of its own, so that fault migration
    /// N waits there (mid-migration, its table created) until the gate is disposed.
    /// </summary>
    private sealed class FaultGate : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;

        private FaultGate(NpgsqlConnection connection) => _connection = connection;

        /// <summary>The <c>pg_stat_activity</c> condition of a backend waiting at fault migration N's gate.</summary>
        public static string Waiting(int number) => $"query LIKE '%/* fault {number} */%' AND state = 'active' AND wait_event_type = 'Lock'";

        public static async Task<FaultGate> HoldAsync(TestDatabase database, int number)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock(4242, {number})", connection);
            await command.ExecuteNonQueryAsync();
            return new FaultGate(connection);
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }

    /// <summary>Schema and history agree: versions 1..<paramref name="applied"/> in both, nothing half-applied.</summary>
    private static async Task AssertConsistentAsync(TestDatabase database, int applied, int trial)
    {
        var expected = Enumerable.Range(1, applied).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToList();
        (await database.ColumnAsync("SELECT version FROM __migrationkit_history ORDER BY version")).Should().Equal(expected, $"history (trial {trial})");
        (await database.ColumnAsync("SELECT substr(tablename, 7) FROM pg_tables WHERE tablename LIKE 'fault\\_%' ORDER BY tablename")).Should().Equal(expected, $"schema and history agree (trial {trial})");
    }

    private static Task<long> CountLocksAsync(TestDatabase database) =>
        database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");

    /// <summary>Polls <c>pg_stat_activity</c> from the maintenance database for one backend of the test database.</summary>
    internal static async Task<int> FindBackendAsync(string database, string condition)
    {
        var watch = Stopwatch.StartNew();
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT pid FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid() AND {condition} LIMIT 1", admin);
        command.Parameters.AddWithValue("database", database);
        while (true)
        {
            if (await command.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            watch.Elapsed.Should().BeLessThan(Wait, $"a backend of {database} matching {condition} appears");
            await Task.Delay(3);
        }
    }

    internal static async Task<bool> TerminateAsync(int pid)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
        command.Parameters.AddWithValue("pid", pid);
        return await command.ExecuteScalarAsync() is true;
    }

    private static async Task<List<string>> AdminColumnAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "<null>" : reader.GetString(0));
        }

        return values;
    }
}
