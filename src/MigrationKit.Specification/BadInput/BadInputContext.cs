using Microsoft.Extensions.Logging;
using MigrationKit.Providers;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification.BadInput;

/// <summary>
/// One bad-input case on one fresh database: builds runners (every one logging into the fixture's capturing logger),
/// seeds the database, and checks a refusal: the exception's exact type, the words of its message that name the object
/// and the remedy, and the database unchanged (see <see cref="DatabaseSnapshot"/>).
/// </summary>
internal sealed class BadInputContext(ISpecificationTarget target, ISpecificationDatabase database, ILoggerFactory loggers, List<Exception> thrown)
{
    public const string SeedScenario = "BadInput.Seed";

    public ISpecificationTarget Target => target;

    public ISpecificationDatabase Database => database;

    /// <summary>A runner over the seed migrations, the migrations of <paramref name="scenario"/> and <paramref name="types"/>.</summary>
    public IMigrationRunner Runner(string? scenario = null, Action<MigrationKitOptions>? configure = null, Func<MigrationProvider, MigrationProvider>? wrap = null, params Type[] types) =>
        Builder(scenario, configure, wrap, types).Build();

    public MigrationRunnerBuilder Builder(string? scenario = null, Action<MigrationKitOptions>? configure = null, Func<MigrationProvider, MigrationProvider>? wrap = null, params Type[] types)
    {
        var provider = database.CreateProvider();
        var builder = new MigrationRunnerBuilder()
            .UseProvider(wrap is null ? provider : wrap(provider))
            .UseLoggerFactory(loggers)
            .AddMigrationsFrom(typeof(BadInputContext).Assembly, Scenarios.Namespace(SeedScenario))
            .Configure(o =>
            {
                // The catalogue simulates edited migrations by changing static state between two runners of one process.
                o.ReuseRecordedMigrations = false;
                configure?.Invoke(o);
            });
        if (scenario is not null)
        {
            builder.AddMigrationsFrom(typeof(BadInputContext).Assembly, Scenarios.Namespace(scenario));
        }

        return types.Length == 0 ? builder : builder.AddMigrations(types);
    }

    /// <summary>Applies the seed (and <paramref name="scenario"/>, up to <paramref name="upTo"/>) with a runner of its own.</summary>
    public async Task SeedAsync(string? scenario = null, long? upTo = null)
    {
        await using var runner = Runner(scenario);
        await runner.MigrateUpAsync(upTo);
    }

    /// <summary>
    /// Runs <paramref name="act"/> and checks that it throws exactly <typeparamref name="TException"/> with a message
    /// containing every one of <paramref name="mentions"/> (the object and the remedy), and that the database is unchanged.
    /// </summary>
    public async Task<TException> RefusedAsync<TException>(Func<Task> act, params string[] mentions)
        where TException : Exception
    {
        var before = await DatabaseSnapshot.CaptureAsync(database);
        Exception? caught = null;
        try
        {
            await act();
        }
        catch (Exception e)
        {
            caught = e;
            thrown.Add(e);
        }

        caught.Should().NotBeNull("the bad input must be refused with {0}", typeof(TException).Name);
        caught.Should().BeOfType<TException>("the refusal is typed ({0})", caught);
        foreach (var mention in mentions)
        {
            caught!.Message.Should().Contain(mention, "the message names the object and the remedy");
        }

        before.ShouldBeUnchangedIn(await DatabaseSnapshot.CaptureAsync(database), "a refused " + typeof(TException).Name);
        return (TException)caught!;
    }

    /// <summary>
    /// Runs <paramref name="act"/> and checks that it is cancelled (an <see cref="OperationCanceledException"/> or a type
    /// derived from it) and that the database is unchanged.
    /// </summary>
    public async Task CancelledAsync(Func<Task> act)
    {
        var before = await DatabaseSnapshot.CaptureAsync(database);
        var caught = await CatchAsync(act);
        caught.Should().BeAssignableTo<OperationCanceledException>("a cancelled run ends with OperationCanceledException ({0})", caught);
        before.ShouldBeUnchangedIn(await DatabaseSnapshot.CaptureAsync(database), "a cancelled run");
    }

    /// <summary>Runs <paramref name="act"/> and returns what it threw (recorded for the secrets check), or null.</summary>
    public async Task<Exception?> CatchAsync(Func<Task> act)
    {
        try
        {
            await act();
            return null;
        }
        catch (Exception e)
        {
            thrown.Add(e);
            return e;
        }
    }
}
