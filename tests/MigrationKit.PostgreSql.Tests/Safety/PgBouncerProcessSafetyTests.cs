using System.Diagnostics;
using System.Globalization;
using MigrationKit.History;
using MigrationKit.PostgreSql.Tests.Support;
using MigrationKit.SafetyRunner.Launching;
using MigrationKit.SafetyRunner.Protocol;

namespace MigrationKit.PostgreSql.Tests.Safety;

/// <summary>
/// Runner processes behind PgBouncer in transaction-pooling mode, which hands each transaction whichever server
/// session is free, so a session advisory lock would be taken on one server session and "held" by whichever client
/// lands there next. The strategy that survives it is <see cref="PostgreSqlLockMode.Transaction"/>: a
/// <c>pg_advisory_xact_lock</c> first thing in every transaction and the re-check of the history row inside it, with
/// the Npgsql settings a transaction pooler needs (<c>No Reset On Close=true</c>, <c>Max Auto Prepare=0</c>).
/// Rounds: <c>MIGRATIONKIT_PGBOUNCER_ROUNDS</c> (default 5), each with 8 processes started at the same moment.
/// </summary>
public sealed class PgBouncerProcessSafetyTests
{
    private const int Processes = 8;
    private const int Migrations = 30;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private PgBouncer _bouncer = null!;

    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("MIGRATIONKIT_PGBOUNCER_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 5;

    [OneTimeSetUp]
    public async Task StartPgBouncerAsync() => _bouncer = await PgBouncer.StartAsync(PostgresServer.ConnectionString);

    [OneTimeTearDown]
    public async Task StopPgBouncerAsync()
    {
        if (_bouncer is not null)
        {
            await _bouncer.DisposeAsync();
        }
    }

    [Test]
    public async Task MigrateUp_EightProcessesThroughTransactionPooling_ApplyEachMigrationExactlyOnceWithoutDeadlock()
    {
        var processes = await Task.WhenAll(Enumerable.Range(0, Processes).Select(_ => RunnerProcess.StartAsync(typeof(PgBouncerProcessSafetyTests).Assembly)));
        var watch = Stopwatch.StartNew();
        var mostServerSessions = 0L;
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                await using var database = await PostgresServer.CreateDatabaseAsync();
                var throughBouncer = _bouncer.ConnectionString(database.Name);

                var outcomes = await AllAtOnceAsync(processes, i => Command(throughBouncer, $"p{i}-r{round}"));

                outcomes.Where(o => !o.Ok).Select(o => $"{o.ErrorType}: {o.Error}").Should().BeEmpty($"no process fails (round {round})");
                outcomes.SelectMany(o => o.Applied).Should().BeEquivalentTo(Enumerable.Range(1, Migrations).Select(v => (long)v), $"each migration is applied by exactly one process (round {round})");
                outcomes.Should().OnlyContain(o => o.ToVersion == Migrations);
                (await database.ColumnAsync("SELECT version FROM __migrationkit_history ORDER BY version")).Should().Equal(Enumerable.Range(1, Migrations).Select(v => v.ToString(CultureInfo.InvariantCulture)));
                (await database.ColumnAsync("SELECT version FROM applied_log ORDER BY version")).Should().Equal(Enumerable.Range(1, Migrations).Select(v => v.ToString(CultureInfo.InvariantCulture)), "each migration's own log row exists once");
                (await database.ColumnAsync($"SELECT version FROM __migrationkit_journal WHERE status = '{JournalStatus.Succeeded}' ORDER BY version")).Should().Equal(Enumerable.Range(1, Migrations).Select(v => v.ToString(CultureInfo.InvariantCulture)), "the journal records each success once");

                // The proof that the runners really went through the pooler: 8 clients, at most PoolSize server sessions.
                var serverSessions = await database.ScalarAsync<long>($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.Name}' AND pid <> pg_backend_pid()");
                serverSessions.Should().BeInRange(1, PgBouncer.PoolSize, "PgBouncer multiplexed the runners' connections over its pool");
                mostServerSessions = Math.Max(mostServerSessions, serverSessions);

                var again = await AllAtOnceAsync(processes, i => Command(throughBouncer, $"p{i}-again"));
                again.Should().OnlyContain(o => o.Ok && o.Applied.Count == 0 && o.ToVersion == Migrations, "afterwards every process finds nothing to do");
            }
        }
        finally
        {
            await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
        }

        TestContext.Out.WriteLine($"PgBouncer (transaction pooling, pool of {PgBouncer.PoolSize}): {Processes} processes x {Rounds} rounds x {Migrations} migrations in {watch.Elapsed.TotalSeconds:0.0} s; server sessions used: at most {mostServerSessions}");
    }

    private static RunCommand Command(string connectionString, string appliedBy) =>
        new("postgresql", connectionString, "Many", appliedBy) { LockMode = nameof(PostgreSqlLockMode.Transaction), LockWaitMilliseconds = 60_000 };

    private static async Task<RunOutcome[]> AllAtOnceAsync(RunnerProcess[] processes, Func<int, RunCommand> command)
    {
        await Task.WhenAll(processes.Select((p, i) => p.SendAsync(command(i))));
        return await Task.WhenAll(processes.Select(p => p.ReadOutcomeAsync(RunTimeout)));
    }
}
