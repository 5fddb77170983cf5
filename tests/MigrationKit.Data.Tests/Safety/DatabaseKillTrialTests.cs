using System.Globalization;
using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Safety;

/// <summary>
/// Exactly once across kill -9 for a whole-database move: a child process copies the shop and, on a table, a batch
/// and a moment drawn at random (inside the batch's transaction before the commit, or just after it), announces itself
/// and blocks on the gate this test holds; the test kills it there. The rerun must finish the copy: the tables before
/// the gated one found complete, the gated one resumed after its last committed batch, every row once, the remapped
/// keys and deferred managers right, the validation clean. Every fourth trial kills inside the fill-in of the deferred
/// <c>employees.manager_id</c> (after every table's move, with a small batch so that it has several batches): the rerun
/// finds the tables complete and fills in only the rows after the fill-in's last committed batch, then marks it
/// completed. The seed is printed; MIGRATIONKIT_DATA_SEED replays it.
/// </summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class DatabaseKillTrialTests(Engine targetEngine)
{
    private const int Trials = 16;
    private const int BatchSize = 25;

    // The fill-in trials' batch size: the shop's 20 employees make 4 fill-in batches.
    private const int FillInBatchSize = 5;
    private const string FillIn = "shop.employees.deferred.manager_id";

    // The tables in load order with their batches (customers 9, employees 20, orders 300, products 12, order lines 600 rows).
    private static readonly (string Move, int Batches)[] Tables =
    [
        ("shop.customers", 1), ("shop.employees", 1), ("shop.orders", Shop.Orders / BatchSize), ("shop.products", 1), ("shop.order_lines", Shop.Lines / BatchSize),
    ];

    [Test]
    public async Task A_database_copy_killed_at_random_moments_resumes_with_every_row_once()
    {
        var seed = Environment.GetEnvironmentVariable("MIGRATIONKIT_DATA_SEED") is { Length: > 0 } given ? int.Parse(given, CultureInfo.InvariantCulture) : Random.Shared.Next();
        TestContext.Out.WriteLine($"Database kill trials on {targetEngine}: seed {seed} (MIGRATIONKIT_DATA_SEED={seed} replays them)");
        var random = new Random(seed);
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await Shop.CreateSourceAsync(source);

        for (var trial = 1; trial <= Trials; trial++)
        {
            await using var target = await TestDb.CreateAsync(targetEngine);
            await Shop.CreateTargetAsync(target);

            // Every fourth trial kills inside the deferred column's fill-in; the others in a table, the big tables
            // most of the time, so that most kills land half way through a table.
            var fillIn = trial % 4 == 0;
            var batchSize = fillIn ? FillInBatchSize : BatchSize;
            var table = fillIn ? Tables.Length : random.Next(4) switch { 0 => random.Next(Tables.Length), 1 => 2, _ => 4 };
            var (gateMove, batches) = fillIn ? (FillIn, Shop.Employees / FillInBatchSize) : Tables[table];
            var gateBatch = random.Next(1, batches + 1);
            var moment = random.Next(2) == 0 ? "writing" : "committed";
            TestContext.Out.WriteLine($"trial {trial}: kill in {gateMove} at batch {gateBatch} ({moment})");

            await ChildMove.RunUntilGateAndKillAsync(
                ["database", gateMove, source.EngineArgument, source.ConnectionString, target.EngineArgument, target.ConnectionString, batchSize.ToString(CultureInfo.InvariantCulture), gateBatch.ToString(CultureInfo.InvariantCulture), moment],
                gateBatch,
                moment);
            var committed = moment == "writing" ? gateBatch - 1 : gateBatch;

            var move = TrialDatabaseMove.Build(source.Endpoint, target.Endpoint, batchSize);
            var result = await new DataMover().RunAsync(move);

            for (var i = 0; i < Tables.Length; i++)
            {
                var moved = result.Tables[i];
                moved.MoveName.Should().Be(Tables[i].Move);
                if (i < table)
                {
                    moved.Status.Should().Be(DataMoveStatus.AlreadyCompleted, $"trial {trial}: {moved.MoveName} was done before the kill");
                }
                else if (i == table)
                {
                    moved.ResumedFromBatch.Should().Be(committed, $"trial {trial}: {moved.MoveName} resumes after its last committed batch");
                }
                else
                {
                    moved.ResumedFromBatch.Should().Be(0, $"trial {trial}: {moved.MoveName} had not started");
                }
            }

            var expectedFilled = fillIn ? Shop.Employees - (committed * FillInBatchSize) : Shop.Employees;
            result.DeferredColumns.Should().Equal(new Dictionary<string, long> { ["employees.manager_id"] = expectedFilled }, $"trial {trial}: the fill-in resumes after its last committed batch");
            var marker = (await new DataMover().GetRunsAsync(target.Endpoint, FillIn)).Should().ContainSingle($"trial {trial}").Subject;
            marker.Status.Should().Be("completed", $"trial {trial}");
            marker.RunId.Should().Be(fillIn ? 2 : 1, $"trial {trial}: the killed fill-in's run, then the rerun's");
            marker.Batches.Should().Be(Shop.Employees / batchSize + (Shop.Employees % batchSize == 0 ? 0 : 1), $"trial {trial}: every fill-in batch once, over both runs");
            marker.RowsWritten.Should().Be(Shop.Employees, $"trial {trial}: every employee filled in once");

            await Shop.AssertCopiedAsync(target, $"trial {trial}");
            result.HasNoOrphans.Should().BeTrue($"trial {trial}");
            var report = await new DataMover().ValidateAsync(move);
            report.IsValid.Should().BeTrue($"trial {trial}: {string.Join(", ", report.Tables.SelectMany(t => t.Differences))}");
        }
    }
}
