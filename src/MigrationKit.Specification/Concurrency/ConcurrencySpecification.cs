using MigrationKit.History;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// Many runners, each with its own provider, migrating one database at the same moment (application replicas
/// starting together): every migration is applied exactly once, no runner fails, and afterwards every runner finds
/// nothing to do. The target's databases must accept several connections at once.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class ConcurrencySpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const int Runners = 16;

    /// <summary>Sixteen runners at once apply each migration exactly once, and then all find nothing to do.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_SixteenRunnersAtOnce_ApplyEachMigrationExactlyOnce()
    {
        await using var database = await CreateDatabaseAsync();
        var runners = Enumerable.Range(0, Runners).Select(i => Runner(database, "Concurrent", o => o.AppliedBy = $"replica-{i}")).ToArray();
        try
        {
            var results = await AllAtOnceAsync(runners, r => r.MigrateUpAsync());

            var applied = results.SelectMany(r => r.Steps).Select(s => s.Version).ToArray();
            applied.Should().BeEquivalentTo([1L, 2L, 3L, 4L, 5L], "each migration is applied by exactly one runner");
            results.Should().OnlyContain(r => r.ToVersion == 5, "every runner ends with the database at the latest version");

            var history = await runners[0].GetHistoryAsync();
            history.Select(h => h.Version).Should().Equal(1, 2, 3, 4, 5);
            history.Select(h => h.AppliedBy).Should().OnlyContain(by => by.StartsWith("replica-", StringComparison.Ordinal));
            var journal = await runners[0].GetJournalAsync();
            journal.Should().OnlyContain(j => j.Action == JournalAction.Up && (j.Status == JournalStatus.Succeeded || j.Status == JournalStatus.Started), "no runner failed a step");
            journal.Where(j => j.Status == JournalStatus.Succeeded).Select(j => j.Version).Should().BeEquivalentTo([1L, 2L, 3L, 4L, 5L], "the journal records each migration's success exactly once");
            (await database.ScalarAsync("SELECT COUNT(*) FROM \"counters\"")).Should().Be(3);
            (await database.ScalarAsync("SELECT COUNT(*) FROM \"events\"")).Should().Be(2);

            var again = await AllAtOnceAsync(runners, r => r.MigrateUpAsync());

            again.Should().OnlyContain(r => r.NothingToDo && r.FromVersion == 5);
            (await runners[^1].GetJournalAsync()).Should().HaveCount(journal.Count, "runs with nothing to do write nothing");
            (await runners[^1].GetStatusAsync()).IsUpToDate.Should().BeTrue();
        }
        finally
        {
            foreach (var runner in runners)
            {
                await runner.DisposeAsync();
            }
        }
    }

    /// <summary>Runners reading status while others migrate never see a half-applied migration, and all agree at the end.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task GetStatus_WhileOthersMigrate_SeesOnlyWholeMigrations()
    {
        await using var database = await CreateDatabaseAsync();
        var migrators = Enumerable.Range(0, Runners / 2).Select(_ => Runner(database, "Concurrent")).ToArray();
        var readers = Enumerable.Range(0, Runners / 2).Select(_ => Runner(database, "Concurrent")).ToArray();
        try
        {
            var work = await AllAtOnceAsync(migrators.Concat(readers).ToArray(), async r =>
            {
                if (migrators.Contains(r))
                {
                    return (Result: await r.MigrateUpAsync(), Seen: new List<MigrationStatus>());
                }

                var seen = new List<MigrationStatus>();
                for (var i = 0; i < 5; i++)
                {
                    seen.Add(await r.GetStatusAsync());
                }

                return (Result: (MigrationResult?)null, Seen: seen);
            });
            var seenByReaders = work.SelectMany(w => w.Seen).ToArray();

            work.Where(w => w.Result is not null).SelectMany(w => w.Result!.Steps).Select(s => s.Version).Should().BeEquivalentTo([1L, 2L, 3L, 4L, 5L]);
            seenByReaders.Should().HaveCount(5 * (Runners / 2));
            seenByReaders.Should().OnlyContain(s => s.Migrations.All(m => m.State == MigrationState.Applied || m.State == MigrationState.Pending));
            seenByReaders.Should().OnlyContain(s => s.Applied.Select(a => a.Version).SequenceEqual(Enumerable.Range(1, s.Applied.Count).Select(v => (long)v)), "migrations are applied in order, each whole");
            foreach (var reader in readers)
            {
                (await reader.GetStatusAsync()).IsUpToDate.Should().BeTrue();
            }
        }
        finally
        {
            foreach (var runner in migrators.Concat(readers))
            {
                await runner.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every runner on a thread of its own, all released at the same moment, so that
    /// they really overlap even on a machine with few cores and with drivers whose async calls complete synchronously.
    /// </summary>
    private static async Task<T[]> AllAtOnceAsync<T>(IMigrationRunner[] runners, Func<IMigrationRunner, Task<T>> work)
    {
        using var barrier = new Barrier(runners.Length);
        var tasks = runners.Select(runner => Task.Factory.StartNew(
            () =>
            {
                barrier.SignalAndWait();
                return work(runner).GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        return await Task.WhenAll(tasks);
    }
}
