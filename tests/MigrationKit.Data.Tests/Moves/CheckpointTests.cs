using MigrationKit.Checkpoints;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Moves;

/// <summary>The safety net: a checkpoint of the target through its rollback manager before a move's first batch, restorable; none on a resumed run.</summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
public sealed class CheckpointTests(Engine targetEngine)
{
    [Test]
    public async Task A_move_asked_to_checkpoint_first_backs_the_target_up_once_before_its_first_batch()
    {
        var folder = Directory.CreateTempSubdirectory("mk-move-checkpoint-").FullName;
        try
        {
            await using var source = await TestDb.CreateAsync(Engine.Sqlite);
            await using var target = await TestDb.CreateAsync(targetEngine);
            await source.ExecuteAsync("CREATE TABLE strategies (id INTEGER PRIMARY KEY, name TEXT NOT NULL, config TEXT NOT NULL, enabled INTEGER NOT NULL)");
            await source.ExecuteAsync("WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 30) INSERT INTO strategies SELECT g, 'strategy ' || g, '{}', g % 2 FROM s");
            var builder = target.IsPostgreSql ? new MigrationRunnerBuilder().UsePostgreSql(target.ConnectionString) : new MigrationRunnerBuilder().UseSqlite(target.ConnectionString);
            await using var runner = builder
                .AddMigrationsFrom(typeof(CheckpointTests).Assembly, "SplitDatabase.Migrations.Instance")
                .Configure(o => o.Checkpoints.Directory = folder)
                .Build();
            await runner.MigrateUpAsync();
            var move = DataMove.Named("strategies").From(source.Endpoint, "strategies").To(target.Endpoint, "strategies")
                .Map("id", to: "id", MigrationKit.Data.Conversion.DataConvert.ToNewGuid()).Map("name", to: "name").Map("config", to: "config").Map("enabled", to: "enabled")
                .CheckpointFirst(runner.RollbackManager)
                .BatchSize(10)
                .Build();
            var mover = new DataMover();

            var first = await mover.RunAsync(move);
            var second = await mover.RunAsync(move);

            first.RowsWritten.Should().Be(30);
            var checkpoint = first.Checkpoint.Should().NotBeNull().And.Subject.As<Checkpoint>();
            checkpoint.Description.Should().Be("before data move 'strategies'");
            checkpoint.Kind.Should().Be(CheckpointKind.Milestone);
            second.Status.Should().Be(DataMoveStatus.AlreadyCompleted);
            second.Checkpoint.Should().BeNull();
            (await runner.RollbackManager.ListCheckpointsAsync()).Should().ContainSingle();

            await runner.RollbackManager.RestoreCheckpointAsync(checkpoint.Id);
            (await target.CountAsync("SELECT COUNT(*) FROM strategies")).Should().Be(0, "the checkpoint holds the target as it was before the first batch");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
