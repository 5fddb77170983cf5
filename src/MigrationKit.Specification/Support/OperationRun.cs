using MigrationKit.Inspection;

namespace MigrationKit.Specification.Support;

/// <summary>
/// One operation scenario on a fresh database: every migration but the last applied as setup, then the last one
/// (the operation under test) applied, reverted and applied again, with the schema checked at each step.
/// </summary>
internal sealed class OperationRun : IAsyncDisposable
{
    private OperationRun(ISpecificationDatabase database, IMigrationRunner runner, DatabaseSchema before, DatabaseSchema afterUp)
    {
        Database = database;
        Runner = runner;
        Before = before;
        AfterUp = afterUp;
    }

    public ISpecificationDatabase Database { get; }

    public IMigrationRunner Runner { get; }

    /// <summary>The schema before the operation's migration.</summary>
    public DatabaseSchema Before { get; }

    /// <summary>The schema after the operation's migration was applied the first time.</summary>
    public DatabaseSchema AfterUp { get; }

    public static async Task<OperationRun> StartAsync(ISpecificationDatabase database, IMigrationRunner runner)
    {
        var migrations = runner.Migrations;
        if (migrations.Count > 1)
        {
            await runner.MigrateUpAsync(migrations[^2].Version);
        }

        var before = await runner.ReadSchemaAsync();
        var up = await runner.MigrateUpAsync();
        up.Steps.Select(s => s.Version).Should().Equal([migrations[^1].Version], "the operation's migration is applied once");
        var drift = await runner.DetectDriftAsync();
        drift.Findings.Should().BeEmpty("a database changed only by its migrations has no drift: {0}", drift);
        return new OperationRun(database, runner, before, await runner.ReadSchemaAsync());
    }

    /// <summary>Reverts the operation's migration and checks the schema is exactly the one from before it.</summary>
    public async Task<DatabaseSchema> DownAsync()
    {
        var down = await Runner.RollbackAsync();
        down.Steps.Should().ContainSingle().Which.Direction.Should().Be(MigrationDirection.Down);
        var schema = await Runner.ReadSchemaAsync();
        schema.CompareTo(Before).Should().BeEmpty("Down restores exactly the schema from before Up");
        return schema;
    }

    /// <summary>Applies the operation's migration again and checks the schema equals the first Up's.</summary>
    public async Task UpAgainAsync()
    {
        (await Runner.MigrateUpAsync()).Steps.Should().ContainSingle();
        (await Runner.ReadSchemaAsync()).CompareTo(AfterUp).Should().BeEmpty("Up after Down gives the schema of the first Up");
    }

    /// <summary>Down, then Up again, each checked.</summary>
    public async Task DownAndUpAgainAsync()
    {
        await DownAsync();
        await UpAgainAsync();
    }

    public TableSchema Table(string name) => AfterUp.FindTable(new(name)) ?? throw new AssertionException($"Table {name} is missing after Up; the tables are {string.Join(", ", AfterUp.Tables.Select(t => t.Name))}.");

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Database.DisposeAsync();
    }
}
