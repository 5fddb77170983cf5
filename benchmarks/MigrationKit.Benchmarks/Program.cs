using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// Every scenario class of this assembly, chosen with --filter (see benchmarks/README.md). The exit code is 1 when a
// benchmark failed (an exception in setup or in the measured code) or a --filter matched nothing, so that a smoke
// run (--job Dry) in CI fails when a benchmark rots.
//
// The PostgreSQL variants run against one private cluster for the whole run (unless MIGRATIONKIT_PG names a server),
// started here and passed to BenchmarkDotNet's child processes through MIGRATIONKIT_PG.
await using var cluster = await MigrationKit.Benchmarks.Support.PostgresServer.StartIfUnsetAsync();

// A measured console mode for the data moves (peak memory, long runs): see DataMove/DataMoveMeasure.cs.
if (args is ["datamove-measure", ..])
{
    return await MigrationKit.Benchmarks.DataMove.DataMoveMeasure.RunAsync(args);
}

// A stopwatch profile of a new runner at a nothing-pending start: see Startup/StartupProfile.cs.
if (args is ["startup-profile", ..])
{
    return await MigrationKit.Benchmarks.Startup.StartupProfile.RunAsync(args);
}

// Also stopped when the run is interrupted (SIGTERM, Ctrl+C), which skips the disposal above; stopping twice is harmless.
AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
// BenchmarkDotNet builds a copy of this project first; on a busy shared machine that can take longer than its default
// limit of two minutes.
var config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(30));
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToArray();
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
var filteredToNothing = summaries.Length == 0 && args.Contains("--filter", StringComparer.Ordinal);
return failed || filteredToNothing ? 1 : 0;
