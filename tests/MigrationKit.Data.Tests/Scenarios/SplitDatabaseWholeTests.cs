using MigrationKit.Checkpoints;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Databases;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Scenarios;

/// <summary>
/// Scenario 4 end to end, as samples/SplitDatabase runs it: a mixed SQLite file (made by its own migration) kept as a
/// checkpoint, two databases created by their own migrations, each table's rows moved to the right one by a
/// whole-database move (the strategies' keys becoming UUIDs, their runs following through the id map), the instance
/// database checkpointed before the first row, counts and contents validated.
/// </summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
public sealed class SplitDatabaseWholeTests(Engine instanceEngine)
{
    private const string Migrations = "SplitDatabase.Migrations.";
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("mk-split-").FullName;

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_mixed_file_splits_into_two_migrated_databases_with_equal_contents_and_the_original_kept()
    {
        await using var mixed = await TestDb.CreateAsync(Engine.Sqlite);
        await using var structure = await TestDb.CreateAsync(Engine.Sqlite);
        await using var instance = await TestDb.CreateAsync(instanceEngine);
        await using var mixedRunner = Runner(mixed, "Mixed", "mixed");
        await using var structureRunner = Runner(structure, "Structure", null);
        await using var instanceRunner = Runner(instance, "Instance", "instance");
        await mixedRunner.MigrateUpAsync();
        await mixed.ExecuteAsync("""
            INSERT INTO setting_groups (name) VALUES ('display'), ('risk'), ('network');
            WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 36)
            INSERT INTO settings SELECT CASE g % 3 WHEN 0 THEN 'global' WHEN 1 THEN 'ui' ELSE 'risk' END, 'setting ' || g, 1 + g % 3, CASE WHEN g % 4 = 0 THEN NULL ELSE 'value ' || g END FROM s;
            WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 40)
            INSERT INTO strategies SELECT g, 'strategy ' || g, '{"risk": ' || (g % 5) || '}', CASE WHEN g % 3 = 0 THEN 0 ELSE 1 END FROM s;
            WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 500)
            INSERT INTO strategy_runs (strategy_id, started, profit) SELECT 1 + g % 40, 1767225600 + g * 3600, printf('%.2f', (g % 17) * 3.25 - 20) FROM s;
            """);
        var original = await mixedRunner.RollbackManager.CreateCheckpointAsync(CheckpointKind.Milestone, description: "before the split");
        await structureRunner.MigrateUpAsync();
        await instanceRunner.MigrateUpAsync();

        var mover = new DataMover();
        var toStructure = DatabaseMove.Named("split-structure").From(mixed.Endpoint).To(structure.Endpoint).Tables("settings", "setting_groups").BatchSize(10).Build();
        var toInstance = DatabaseMove.Named("split-instance").From(mixed.Endpoint).To(instance.Endpoint).Tables("strategies", "strategy_runs")
            .Table("strategies", t => t.Map("id", to: "id", DataConvert.ToNewGuid()))
            .Table("strategy_runs", t => t.Map("started", to: "started_at", DataConvert.UnixSecondsToTimestamp()))
            .CheckpointFirst(instanceRunner.RollbackManager)
            .BatchSize(200)
            .Build();
        var structured = await mover.RunAsync(toStructure);
        var instanced = await mover.RunAsync(toInstance);

        structured.Tables.Select(t => (t.MoveName, t.RowsWritten)).Should().Equal(("split-structure.setting_groups", 3L), ("split-structure.settings", 36L));
        instanced.Tables.Select(t => (t.MoveName, t.RowsWritten)).Should().Equal(("split-instance.strategies", 40L), ("split-instance.strategy_runs", 500L));
        (await mover.ValidateAsync(toStructure)).IsValid.Should().BeTrue();
        (await mover.ValidateAsync(toInstance)).IsValid.Should().BeTrue();
        (await instance.CountAsync("SELECT COUNT(*) FROM strategy_runs r JOIN strategies s ON s.id = r.strategy_id WHERE s.name = 'strategy ' || (1 + r.id % 40)"))
            .Should().Be(500, "each run follows its strategy through the id map");
        instanced.KeyGenerators.Should().ContainSingle().Which.NextValue.Should().Be(501);
        structured.KeyGenerators.Should().ContainSingle().Which.NextValue.Should().Be(4);

        // The original is kept: its checkpoint verifies; the instance database's checkpoint was taken before the first row.
        (await mixedRunner.RollbackManager.VerifyCheckpointAsync(original.Id)).Sha256.Should().Be(original.Sha256);
        var before = instanced.Checkpoint.Should().NotBeNull().And.Subject.As<Checkpoint>();
        (await mover.RunAsync(toInstance)).Checkpoint.Should().BeNull("a run that finds the move begun takes no checkpoint: the first one is the state before the move");
        await instanceRunner.RollbackManager.RestoreCheckpointAsync(before.Id);
        (await instance.CountAsync("SELECT COUNT(*) FROM strategy_runs")).Should().Be(0, "the checkpoint holds the instance database as the migrations left it");
        (await mixed.CountAsync("SELECT COUNT(*) FROM strategy_runs")).Should().Be(500, "the move never changes its source");
    }

    private MigrationKit.IMigrationRunner Runner(TestDb db, string migrations, string? checkpoints)
    {
        var builder = db.IsPostgreSql ? new MigrationRunnerBuilder().UsePostgreSql(db.ConnectionString) : new MigrationRunnerBuilder().UseSqlite(db.ConnectionString);
        builder.AddMigrationsFrom(typeof(SplitDatabaseWholeTests).Assembly, Migrations + migrations);
        if (checkpoints is not null)
        {
            builder.Configure(o => o.Checkpoints.Directory = Path.Combine(_folder, checkpoints));
        }

        return builder.Build();
    }
}
