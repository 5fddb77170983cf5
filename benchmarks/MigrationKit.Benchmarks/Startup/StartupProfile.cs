using System.Diagnostics;
using System.Globalization;
using MigrationKit.Benchmarks.Chain;
using MigrationKit.Benchmarks.Support;

namespace MigrationKit.Benchmarks.Startup;

/// <summary>
/// A measured console mode beside <see cref="NothingPendingBenchmarks"/> (<c>-- startup-profile [sqlite|postgresql] [calls]</c>):
/// a loop of "build a runner, <c>MigrateUpAsync</c> with nothing pending, dispose it" over the 500-migration chain, timed
/// in sections with a stopwatch (builder, <c>Build</c>, the first <c>MigrateUpAsync</c>, disposal), beside the raw read
/// and a reused runner, with the bytes each section allocates. It is also the loop to attach <c>dotnet-trace</c> to.
/// </summary>
internal static class StartupProfile
{
    /// <summary>Runs the loop and prints one line per section.</summary>
    /// <param name="args">The engine (<c>sqlite</c> or <c>postgresql</c>) and the number of calls.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var engine = args.Length > 1 && args[1].StartsWith("p", StringComparison.OrdinalIgnoreCase) ? DatabaseEngine.PostgreSql : DatabaseEngine.Sqlite;
        var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
        using var database = BenchmarkDatabase.Create(engine);
        await using (var setup = Runner(database))
        {
            Check.That((await setup.MigrateUpAsync()).ToVersion == ChainSchema.Count, "setup did not apply the chain");
        }

        await using var reused = Runner(database);
        var sections = new[] { "raw SELECT MAX(version)", "runner reused, MigrateUpAsync", "builder (UseX, AddMigrationsFrom, Configure)", "Build()", "first MigrateUpAsync", "DisposeAsync" };
        var ticks = new long[sections.Length];
        var bytes = new long[sections.Length];
        for (var pass = 0; pass < 2; pass++)
        {
            // The first pass warms up (JIT, tiering, the process-wide caches) and is not reported.
            Array.Clear(ticks);
            Array.Clear(bytes);
            var n = pass == 0 ? Math.Max(calls / 5, 200) : calls;
            for (var i = 0; i < n; i++)
            {
                await TimeAsync(0, async () =>
                {
                    await using var connection = await database.OpenAsync();
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT MAX(version) FROM __migrationkit_history";
                    await command.ExecuteScalarAsync();
                });
                await TimeAsync(1, async () => Check.That((await reused.MigrateUpAsync()).NothingToDo, "something was pending"));
                MigrationRunnerBuilder builder = null!;
                IMigrationRunner runner = null!;
                await TimeAsync(2, () =>
                {
                    builder = Builder(database);
                    return Task.CompletedTask;
                });
                await TimeAsync(3, () =>
                {
                    runner = builder.Build();
                    return Task.CompletedTask;
                });
                await TimeAsync(4, async () => Check.That((await runner.MigrateUpAsync()).NothingToDo, "something was pending"));
                await TimeAsync(5, async () => await runner.DisposeAsync());
            }

            if (pass == 1)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine}, {n} calls, load {File.ReadAllText("/proc/loadavg").Trim()}"));
                for (var s = 0; s < sections.Length; s++)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {sections[s],-48} {ticks[s] * 1_000_000.0 / Stopwatch.Frequency / n,9:F1} µs {bytes[s] / 1024.0 / n,8:F1} KB"));
                }

                var total = (ticks[2] + ticks[3] + ticks[4] + ticks[5]) * 1_000_000.0 / Stopwatch.Frequency / n;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"new runner per call (sum)",-48} {total,9:F1} µs = {total / (ticks[0] * 1_000_000.0 / Stopwatch.Frequency / n):F2}x raw"));
            }
        }

        return 0;

        async Task TimeAsync(int section, Func<Task> work)
        {
            var allocated = GC.GetTotalAllocatedBytes();
            var started = Stopwatch.GetTimestamp();
            await work();
            ticks[section] += Stopwatch.GetTimestamp() - started;
            bytes[section] += GC.GetTotalAllocatedBytes() - allocated;
        }
    }

    private static MigrationRunnerBuilder Builder(BenchmarkDatabase database) =>
        database.Runner()
            .AddMigrationsFrom(typeof(ChainMigration).Assembly, typeof(Chain.Kit.Chain0001).Namespace)
            .Configure(o => o.VerifyChecksums = true);

    private static IMigrationRunner Runner(BenchmarkDatabase database) => Builder(database).Build();
}
