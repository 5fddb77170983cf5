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
/// keys and deferred managers right, the validation clean. The seed is printed; MIGRATIONKIT_DATA_SEED replays it.
/// </summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class DatabaseKillTrialTests(Engine targetEngine)
{
    private const int Trials = 12;
    private const int BatchSize = 25;

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

            // The big tables most of the time, so that most kills land half way through a table.
            var table = random.Next(4) switch { 0 => random.Next(Tables.Length), 1 => 2, _ => 4 };
            var (gateMove, batches) = Tables[table];
            var gateBatch = random.Next(1, batches + 1);
            var moment = random.Next(2) == 0 ? "writing" : "committed";
            TestContext.Out.WriteLine($"trial {trial}: kill in {gateMove} at batch {gateBatch} ({moment})");

            await ChildMove.RunUntilGateAndKillAsync(
                ["database", gateMove, source.EngineArgument, source.ConnectionString, target.EngineArgument, target.ConnectionString, BatchSize.ToString(CultureInfo.InvariantCulture), gateBatch.ToString(CultureInfo.InvariantCulture), moment],
                gateBatch,
                moment);
            var committed = moment == "writing" ? gateBatch - 1 : gateBatch;

            var move = TrialDatabaseMove.Build(source.Endpoint, target.Endpoint, BatchSize);
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

            await Shop.AssertCopiedAsync(target, $"trial {trial}");
            result.HasNoOrphans.Should().BeTrue($"trial {trial}");
            var report = await new DataMover().ValidateAsync(move);
            report.IsValid.Should().BeTrue($"trial {trial}: {string.Join(", ", report.Tables.SelectMany(t => t.Differences))}");
        }
    }
}
