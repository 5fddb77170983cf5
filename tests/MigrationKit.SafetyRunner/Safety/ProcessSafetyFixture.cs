using System.Data.Common;
using System.Reflection;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MigrationKit.History;
using MigrationKit.Providers;
using MigrationKit.SafetyRunner.Launching;
using MigrationKit.SafetyRunner.Protocol;

namespace MigrationKit.SafetyRunner.Safety;

/// <summary>
/// Runner programs as separate OS processes against one database: many at the same moment, and kill -9 at random
/// moments. A provider's test project inherits it once per target (and lock mode).
/// </summary>
public abstract class ProcessSafetyFixture
{
    /// <summary>Processes started at the same moment in every round.</summary>
    protected const int Processes = 8;

    private const int SlowMigrations = 12;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The provider's name in runner commands (<c>sqlite</c>, <c>postgresql</c>).</summary>
    protected abstract string Provider { get; }

    /// <summary>Whether the provider holds one run-level lock (so one process applies everything and the others find nothing to do).</summary>
    protected abstract bool HasRunLock { get; }

    /// <summary>The PostgreSQL lock mode to send, or <see langword="null"/>.</summary>
    protected virtual string? LockMode => null;

    /// <summary>Rounds of the many-processes test.</summary>
    protected virtual int Rounds => 20;

    /// <summary>Kill -9 trials.</summary>
    protected virtual int KillTrials => 30;

    /// <summary>The assembly of the inheriting test project (its runtime and dependency files start the runner).</summary>
    protected Assembly TestAssembly => GetType().Assembly;

    /// <summary>Creates a fresh, empty database.</summary>
    /// <returns>Its connection string for runners, and what deletes it.</returns>
    protected abstract Task<(string ConnectionString, IAsyncDisposable Cleanup)> CreateDatabaseAsync();

    /// <summary>A provider for in-process checks, waiting at most <paramref name="lockWaitTimeout"/> for the lock where it has one.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="lockWaitTimeout">The lock wait.</param>
    /// <returns>The provider, disposed by the caller.</returns>
    protected abstract MigrationProvider CreateProvider(string connectionString, TimeSpan lockWaitTimeout);

    [Test]
    public async Task MigrateUp_EightProcessesAtOnceForManyRounds_ApplyEachMigrationExactlyOnce()
    {
        var processes = await Task.WhenAll(Enumerable.Range(0, Processes).Select(_ => RunnerProcess.StartAsync(TestAssembly)));
        var watch = Stopwatch.StartNew();
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                var (connectionString, cleanup) = await CreateDatabaseAsync();
                await using (cleanup)
                {
                    var outcomes = await AllAtOnceAsync(processes, i => Command(connectionString, "Many", $"p{i}-r{round}"));
                    outcomes.Where(o => !o.Ok).Should().BeEmpty($"no process fails (round {round})");
                    outcomes.SelectMany(o => o.Applied).Should().BeEquivalentTo(Enumerable.Range(1, 30).Select(v => (long)v), $"each migration is applied by exactly one process (round {round})");
                    outcomes.Should().OnlyContain(o => o.ToVersion == 30, "every process ends with the database at the latest version");
                    if (HasRunLock)
                    {
                        outcomes.Count(o => o.Applied.Count > 0).Should().Be(1, "the lock holder applies everything; the processes that waited find nothing to do");
                    }

                    await using var check = await OpenAsync(connectionString, "Many", TimeSpan.FromSeconds(10));
                    (await check.Runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(Enumerable.Range(1, 30).Select(v => (long)v));
                    var journal = await check.Runner.GetJournalAsync();
                    journal.Where(j => j.Status == JournalStatus.Succeeded).Select(j => j.Version).Should().BeEquivalentTo(Enumerable.Range(1, 30).Select(v => (long?)v), "the journal records each migration's success exactly once");
                    journal.Should().NotContain(j => j.Status == JournalStatus.Failed || j.Status == JournalStatus.Incomplete);
                    (await check.LoggedVersionsAsync()).Should().Equal(Enumerable.Range(1, 30).Select(v => (long)v), "each migration's own log row exists once");

                    var again = await AllAtOnceAsync(processes, i => Command(connectionString, "Many", $"p{i}-again"));
                    again.Should().OnlyContain(o => o.Ok && o.Applied.Count == 0 && o.ToVersion == 30, "afterwards every process finds nothing to do");
                }
            }
        }
        finally
        {
            await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
        }

        TestContext.Out.WriteLine($"{Provider}{(LockMode is null ? string.Empty : " (" + LockMode + " lock)")}: {Processes} processes x {Rounds} rounds x 30 migrations in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public async Task KillNine_AtRandomMoments_LeavesConsistentDatabaseAndNoStuckLock()
    {
        // Where each kill lands is random (and replayable from the seed); that the victim is there when it lands is
        // not: it waits at a gate on that log event until the kill.
        var seed = Seed();
        var random = new Random(seed);
        var phases = new Dictionary<string, int>(StringComparer.Ordinal);
        var longestHandover = TimeSpan.Zero;
        var longestNextWait = TimeSpan.Zero;
        var interruptedSteps = 0;
        var watch = Stopwatch.StartNew();
        for (var trial = 1; trial <= KillTrials; trial++)
        {
            var pair = trial % 2 == 0;
            var (phase, gate, migration) = KillPoint(random, pair);
            var because = $"trial {trial}, {phase} at {gate}, seed {seed}";
            phases[phase] = phases.GetValueOrDefault(phase) + 1;
            var (connectionString, cleanup) = await CreateDatabaseAsync();
            await using (cleanup)
            {
                var processes = await Task.WhenAll(Enumerable.Range(0, pair ? 2 : 1).Select(_ => RunnerProcess.StartAsync(TestAssembly)));
                try
                {
                    RunnerProcess victim;
                    DateTimeOffset killedAt;
                    if (phase == "waiting for the lock")
                    {
                        // The other process holds the lock, stopped mid-migration; the victim is killed while it waits.
                        var holder = processes[1];
                        victim = processes[0];
                        await holder.SendAsync(Command(connectionString, "Slow", $"t{trial}-p1") with { Gate = gate });
                        await holder.WaitAtGateAsync(RunTimeout);
                        await victim.SendAsync(Command(connectionString, "Slow", $"t{trial}-p0"));
                        await WaitForEventAsync(victim, "RunStarting");
                        killedAt = DateTimeOffset.UtcNow;
                        await victim.KillAsync();
                        await holder.ReleaseAsync();
                    }
                    else
                    {
                        var index = random.Next(processes.Length);
                        victim = processes[index];
                        await victim.SendAsync(Command(connectionString, "Slow", $"t{trial}-p{index}") with { Gate = gate });
                        await victim.WaitAtGateAsync(RunTimeout);
                        foreach (var (other, i) in processes.Select((p, i) => (p, i)).Where(p => p.p != victim))
                        {
                            await other.SendAsync(Command(connectionString, "Slow", $"t{trial}-p{i}"));
                            await WaitForEventAsync(other, "RunStarting");
                        }

                        killedAt = DateTimeOffset.UtcNow;
                        await victim.KillAsync();
                    }

                    foreach (var survivor in processes.Where(p => p != victim))
                    {
                        var outcome = await survivor.ReadOutcomeAsync(RunTimeout);
                        outcome.Ok.Should().BeTrue($"the other process carries on after the kill ({because}): {outcome.ErrorType} {outcome.Error}");
                        outcome.ToVersion.Should().Be(SlowMigrations);
                    }

                    await using var check = await OpenAsync(connectionString, "Slow", TimeSpan.FromSeconds(60));
                    await AssertConsistentAsync(check, trial);
                    var journal = await check.Runner.GetJournalAsync();
                    var victimName = $"t{trial}-p{Array.IndexOf(processes, victim)}";
                    var interrupted = journal.Where(j => j.AppliedBy == victimName && j.Status == JournalStatus.Started
                        && !journal.Any(o => o.RunId == j.RunId && o.Version == j.Version && o.Status != JournalStatus.Started)).ToArray();
                    var victimApplied = journal.Where(j => j.AppliedBy == victimName && j.Status == JournalStatus.Succeeded).Select(j => j.Version ?? 0).Order().ToArray();
                    var appliedBeforeKill = phase switch
                    {
                        "mid-migration" => migration - 1,
                        "between migrations" => migration,
                        _ => 0,
                    };
                    victimApplied.Should().Equal(Enumerable.Range(1, appliedBeforeKill).Select(v => (long)v), $"the victim applied exactly what it finished before its gate ({because})");
                    if (phase == "mid-migration")
                    {
                        interrupted.Select(j => j.Version).Should().Equal([(long?)migration], $"the journal shows the step the kill interrupted ({because})");
                    }
                    else if (HasRunLock)
                    {
                        // Without a run-level lock a waiting runner may also write a start, then find the step applied
                        // by another and skip it, so only here is every start without an outcome an interruption.
                        interrupted.Should().BeEmpty($"no step was running when the kill came ({because})");
                    }

                    interruptedSteps += interrupted.Length;
                    foreach (var survivor in processes.Where(p => p != victim))
                    {
                        // The survivor waited for the killed holder's lock and got it (its run succeeded above) without
                        // any expiry to wait out; how long the takeover took is measured and printed, not asserted, since
                        // on a loaded machine it is the scheduler's figure as much as the lock's.
                        if (HasRunLock && phase is "holding the lock" or "mid-migration" or "between migrations"
                            && survivor.Events.FirstOrDefault(e => e.Name == "LockAcquired" && e.At >= killedAt) is { Name: not null } acquired)
                        {
                            var handover = acquired.At - killedAt;
                            longestHandover = handover > longestHandover ? handover : longestHandover;
                        }
                    }

                    // The next runner: the lock is free and it completes whatever is left (a lock left behind by the
                    // killed process would end this with a lock timeout).
                    var result = await check.Runner.MigrateUpAsync();
                    result.ToVersion.Should().Be(SlowMigrations);
                    var lockWait = check.LockWait ?? TimeSpan.Zero;
                    longestNextWait = lockWait > longestNextWait ? lockWait : longestNextWait;
                    await AssertConsistentAsync(check, trial);
                    (await check.Runner.GetHistoryAsync()).Should().HaveCount(SlowMigrations);
                }
                finally
                {
                    await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
                }
            }
        }

        TestContext.Out.WriteLine($"{Provider}: {KillTrials} kill -9 trials (seed {seed}) in {watch.Elapsed.TotalSeconds:0.0} s; phases at the kill: {string.Join(", ", phases.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}; interrupted steps in the journal: {interruptedSteps}; longest lock handover after a kill: {longestHandover.TotalMilliseconds:0} ms; longest lock wait of the next runner: {longestNextWait.TotalMilliseconds:0} ms");
    }

    [Test]
    public async Task KillNine_NonTransactionalMigrationPartWay_IsRefusedAsIncompleteUntilRepaired([Range(1, 4)] int step)
    {
        // The runner stops before statement `step` of the non-transactional migration 2 (a gate on its SQL), and is
        // killed there: every statement before it has run outside any transaction, none after it.
        var (connectionString, cleanup) = await CreateDatabaseAsync();
        await using (cleanup)
        {
            var process = await RunnerProcess.StartAsync(TestAssembly);
            await using (process)
            {
                await process.SendAsync(Command(connectionString, "NoTransaction", "victim") with { Gate = new GatePoint("ExecutingSql") { Contains = $"/* nt step {step} */" } });
                await process.WaitAtGateAsync(RunTimeout);
                await process.KillAsync();
            }

            await using var check = await OpenAsync(connectionString, "NoTransaction", TimeSpan.FromSeconds(60));
            (await check.Runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal([1L], "migration 1 ran; 2 was interrupted; 3 never started");
            var journal = await check.Runner.GetJournalAsync();
            journal.Last(j => j.Version == 2).Status.Should().Be(JournalStatus.Started, "the journal shows the interrupted step");
            var tables = (await check.Runner.ReadSchemaAsync()).Tables.Select(t => t.Name.Name).ToArray();
            tables.Contains("nt_a").Should().Be(step > 1, "nt_a exists exactly when its statement ran before the kill");
            tables.Should().NotContain("nt_b", "the kill came before its statement");
            var status = await check.Runner.GetStatusAsync();
            status.Migrations.Single(m => m.Version == 2).State.Should().Be(MigrationState.Incomplete);

            var refused = async () => await check.Runner.MigrateUpAsync();
            var error = (await refused.Should().ThrowAsync<IncompleteMigrationException>()).Which;
            error.Versions.Should().Equal(2L);
            error.Message.Should().Contain("2").And.Contain("RepairAsync");
            (await check.Runner.GetHistoryAsync()).Should().HaveCount(1, "nothing else ran");

            (await check.Runner.RepairAsync()).Should().Equal(2L);
            (await check.Runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2L, 3L);
            (await check.LoggedVersionsAsync()).Should().Equal([3L]);
            var schema = await check.Runner.ReadSchemaAsync();
            schema.Tables.Select(t => t.Name.Name).Should().Contain(["nt_a", "nt_b"]);
            TestContext.Out.WriteLine($"{Provider}: killed before statement {step} of the non-transactional migration; refused with: {error.Message}");
        }
    }

    /// <summary>
    /// A random place for a kill: the phase, the gate the victim (or, while the victim waits for the lock, the lock
    /// holder) stops at, and the migration it concerns.
    /// </summary>
    private static (string Phase, GatePoint Gate, int Migration) KillPoint(Random random, bool pair)
    {
        var migration = random.Next(1, SlowMigrations + 1);
        return random.Next(pair ? 5 : 4) switch
        {
            0 => ("before the lock", new GatePoint("RunStarting"), 0),
            1 => ("holding the lock", new GatePoint("LockAcquired"), 0),
            2 => ("mid-migration", random.Next(2) == 0
                ? new GatePoint("ExecutingSql") { Contains = $"slow_{migration:00}" }
                : new GatePoint("ExecutingSql", migration) { Contains = "INSERT" }, migration),
            3 => ("between migrations", new GatePoint("MigrationCompleted", Math.Min(migration, SlowMigrations - 1)), Math.Min(migration, SlowMigrations - 1)),
            _ => ("waiting for the lock", new GatePoint("ExecutingSql") { Contains = $"slow_{migration:00}" }, migration),
        };
    }

    /// <summary>The seed of a randomised test: <c>MIGRATIONKIT_SEED</c> to replay one, otherwise NUnit's; printed either way.</summary>
    private static int Seed()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MIGRATIONKIT_SEED"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var given)
            ? given
            : TestContext.CurrentContext.Random.Next();
        TestContext.Out.WriteLine($"seed {seed} (MIGRATIONKIT_SEED={seed} replays it)");
        return seed;
    }

    /// <summary>Waits until the process has printed a log event (the runner has begun its command).</summary>
    private static async Task WaitForEventAsync(RunnerProcess process, string name)
    {
        var waited = Stopwatch.StartNew();
        while (!process.Events.Any(e => e.Name == name))
        {
            process.HasExited.Should().BeFalse($"the process prints {name} before it ends");
            waited.Elapsed.Should().BeLessThan(RunTimeout, $"the process prints {name}");
            await Task.Delay(2);
        }
    }

    private RunCommand Command(string connectionString, string set, string appliedBy) =>
        new(Provider, connectionString, set, appliedBy) { LockMode = LockMode };

    private static async Task<RunOutcome[]> AllAtOnceAsync(RunnerProcess[] processes, Func<int, RunCommand> command)
    {
        // Each process blocks on its stdin; writing the lines back to back releases them together.
        await Task.WhenAll(processes.Select((p, i) => p.SendAsync(command(i))));
        return await Task.WhenAll(processes.Select(p => p.ReadOutcomeAsync(RunTimeout)));
    }

    private async Task AssertConsistentAsync(Check check, int trial)
    {
        var history = (await check.Runner.GetHistoryAsync()).Select(h => h.Version).ToArray();
        var tables = (await check.Runner.ReadSchemaAsync()).Tables.Select(t => t.Name.Name).Where(n => n.StartsWith("slow_", StringComparison.Ordinal))
            .Select(n => long.Parse(n["slow_".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
        var logged = history.Length == 0 ? [] : await check.LoggedVersionsAsync();
        tables.Should().Equal(history, $"schema and history agree: no half-applied migration (trial {trial})");
        logged.Should().Equal(history, $"each applied migration's data exists once (trial {trial})");
        history.Should().Equal(Enumerable.Range(1, history.Length).Select(v => (long)v), "migrations apply in order");
    }

    private async Task<Check> OpenAsync(string connectionString, string set, TimeSpan lockWaitTimeout)
    {
        var provider = CreateProvider(connectionString, lockWaitTimeout);
        var logs = new LockWaitLogger();
        var runner = new MigrationRunnerBuilder()
            .UseProvider(provider)
            .UseLoggerFactory(LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs)))
            .AddMigrationsFrom(typeof(ProcessSafetyFixture).Assembly, "MigrationKit.SafetyRunner.Migrations." + set)
            .Configure(o => o.AppliedBy = "check")
            .Build();
        return new Check(provider, runner, logs);
    }

    private sealed class Check(MigrationProvider provider, IMigrationRunner runner, LockWaitLogger logs) : IAsyncDisposable
    {
        public IMigrationRunner Runner => runner;

        public TimeSpan? LockWait => logs.LastWait;

        public async Task<long[]> LoggedVersionsAsync()
        {
            var connection = await provider.OpenConnectionAsync();
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT version FROM applied_log ORDER BY version";
                await using DbDataReader reader = await command.ExecuteReaderAsync();
                var versions = new List<long>();
                while (await reader.ReadAsync())
                {
                    versions.Add(reader.GetInt64(0));
                }

                return [.. versions];
            }
            finally
            {
                await provider.ReleaseConnectionAsync(connection);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await runner.DisposeAsync();
            switch (provider)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Keeps the wait of the last <c>LockAcquired</c> event.</summary>
    private sealed class LockWaitLogger : ILoggerProvider, ILogger
    {
        public TimeSpan? LastWait { get; private set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "LockAcquired" && state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "ElapsedMs").Value is long milliseconds)
            {
                LastWait = TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        public void Dispose()
        {
        }
    }
}
