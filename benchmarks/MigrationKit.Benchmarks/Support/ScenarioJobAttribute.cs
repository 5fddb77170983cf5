using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace MigrationKit.Benchmarks.Support;

/// <summary>
/// A short job (one launch, few iterations: the machines here have two shared cores) for a scenario class. A job
/// given on the command line (<c>--job Dry</c>, <c>--job Short</c>, …) replaces it instead of running beside it,
/// so <c>--job Dry</c> runs every benchmark exactly once.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ScenarioJobAttribute : Attribute, IConfigSource
{
    /// <summary>A job with the given strategy and counts.</summary>
    /// <param name="strategy"><see cref="RunStrategy.Throughput"/> for fast calls; <see cref="RunStrategy.Monitoring"/> (one call per iteration) where each call needs a fresh database.</param>
    /// <param name="warmupCount">Warm-up iterations.</param>
    /// <param name="iterationCount">Measured iterations.</param>
    public ScenarioJobAttribute(RunStrategy strategy, int warmupCount, int iterationCount)
    {
        Strategy = strategy;
        WarmupCount = warmupCount;
        IterationCount = iterationCount;
    }

    /// <summary>The run strategy.</summary>
    public RunStrategy Strategy { get; }

    /// <summary>Warm-up iterations.</summary>
    public int WarmupCount { get; }

    /// <summary>Measured iterations.</summary>
    public int IterationCount { get; }

    /// <inheritdoc />
    public IConfig Config
    {
        get
        {
            var config = ManualConfig.CreateEmpty();
            var commandLine = Environment.GetCommandLineArgs();
            return commandLine.Contains("--job", StringComparer.Ordinal) || commandLine.Contains("-j", StringComparer.Ordinal)
                ? config
                : config.AddJob(Job.Default.WithStrategy(Strategy).WithLaunchCount(1).WithWarmupCount(WarmupCount).WithIterationCount(IterationCount));
        }
    }
}
