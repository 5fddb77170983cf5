using MigrationKit.Providers;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// The base of every fixture of the suite: creates the target once per fixture and builds runners over its
/// databases. Derive from one of the fixtures (<see cref="OperationSpecification{TTarget}"/>,
/// <see cref="RunnerSpecification{TTarget}"/>, <see cref="ConcurrencySpecification{TTarget}"/>,
/// <see cref="ScenarioSpecification{TTarget}"/>), not from this class.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
public abstract class SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private protected SpecificationFixture()
    {
    }

    /// <summary>The target the fixture runs on.</summary>
    protected TTarget Target { get; } = new();

    /// <summary>The assembly that holds the suite's migrations, one namespace per scenario.</summary>
    private protected static System.Reflection.Assembly MigrationsAssembly => typeof(SpecificationFixture<>).Assembly;

    private protected Task<ISpecificationDatabase> CreateDatabaseAsync() => Target.CreateDatabaseAsync();

    /// <summary>Builds a runner with a new provider of <paramref name="database"/> over the migrations of one scenario namespace.</summary>
    private protected static IMigrationRunner Runner(ISpecificationDatabase database, string scenario, Action<MigrationKitOptions>? configure = null, TimeProvider? time = null) =>
        Runner(database.CreateProvider(), scenario, configure, time);

    private protected static IMigrationRunner Runner(MigrationProvider provider, string scenario, Action<MigrationKitOptions>? configure = null, TimeProvider? time = null)
    {
        var builder = new MigrationRunnerBuilder()
            .UseProvider(provider)
            .AddMigrationsFrom(MigrationsAssembly, Scenarios.Namespace(scenario))
            .Configure(o =>
            {
                // The suite simulates edited migrations by changing static state between two runners of one process.
                o.ReuseRecordedMigrations = false;
                configure?.Invoke(o);
            });
        if (time is not null)
        {
            builder.UseTimeProvider(time);
        }

        return builder.Build();
    }
}
