using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Safety;

/// <summary>
/// Exactly once across kill -9: a child process runs the move and, on a batch and at a moment drawn at random (inside
/// the batch's transaction before the commit, or just after it), announces itself and blocks on stdin, the gate this test
/// holds; the test kills it there with SIGKILL. The rerun must resume after the last committed batch: same totals, same
/// checksums, no duplicate, no gap. The seed is printed; set MIGRATIONKIT_DATA_SEED to replay a run.
/// </summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class KillTrialTests(Engine targetEngine)
{
    private const int Trials = 20;
    private const int Orders = 1_000;
    private const int BatchSize = 50;

    [Test]
    public async Task A_move_killed_at_random_moments_resumes_with_no_duplicate_and_no_gap()
    {
        var seed = Environment.GetEnvironmentVariable("MIGRATIONKIT_DATA_SEED") is { Length: > 0 } given ? int.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : Random.Shared.Next();
        TestContext.Out.WriteLine($"Kill trials on {targetEngine}: seed {seed} (MIGRATIONKIT_DATA_SEED={seed} replays them)");
        var random = new Random(seed);
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await LegacyShop.CreateSourceAsync(source, Orders);
        var moved = LegacyShop.Moved(Orders);
        var batches = (moved + BatchSize - 1) / BatchSize;

        for (var trial = 1; trial <= Trials; trial++)
        {
            await using var target = await TestDb.CreateAsync(targetEngine);
            await LegacyShop.CreateTargetAsync(target);
            var gateBatch = random.Next(1, batches + 1);
            var moment = random.Next(2) == 0 ? "writing" : "committed";
            TestContext.Out.WriteLine($"trial {trial}: kill at batch {gateBatch} ({moment})");

            await RunChildUntilGateAndKillAsync(source, target, gateBatch, moment);
            var committed = moment == "writing" ? gateBatch - 1 : gateBatch;
            (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(committed * BatchSize, $"trial {trial}: only the committed batches are in the target");

            var move = TrialMove.Build(source.Endpoint, target.Endpoint, BatchSize);
            var result = await new DataMover().RunAsync(move);

            result.ResumedFromBatch.Should().Be(committed, $"trial {trial}");
            result.Batches.Should().Be(batches);
            result.RowsWritten.Should().Be(moved);
            (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(moved, $"trial {trial}: no gap, no duplicate");
            (await target.CountAsync("SELECT COUNT(DISTINCT customer || '|' || created_at) FROM orders")).Should().Be(moved, $"trial {trial}: each source row once");
            (await target.CountAsync("SELECT COUNT(*) FROM __migrationkit_data_idmap")).Should().Be(moved);
            (await target.RowsAsync("SELECT run_id, status FROM __migrationkit_data_runs ORDER BY run_id")).Select(r => (string)r[1]!).Should().Equal("interrupted", "completed");
            var report = await new DataMover().ValidateAsync(move);
            report.IsValid.Should().BeTrue($"trial {trial}: {string.Join(", ", report.Differences)}");
        }
    }

    private static Task RunChildUntilGateAndKillAsync(TestDb source, TestDb target, int gateBatch, string moment) =>
        ChildMove.RunUntilGateAndKillAsync(
            [
                source.EngineArgument, source.ConnectionString, target.EngineArgument, target.ConnectionString,
                BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), gateBatch.ToString(System.Globalization.CultureInfo.InvariantCulture), moment,
            ],
            gateBatch,
            moment);
}
