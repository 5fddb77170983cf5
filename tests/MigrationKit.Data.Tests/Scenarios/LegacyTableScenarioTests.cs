using System.Globalization;
using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Scenarios;

/// <summary>
/// Scenario 5 at the size the scenario names: a legacy table of 220,000 rows (198,000 live) poured into a new shape
/// (integer keys becoming UUIDs through the id map, the status text becoming a lookup, Unix milliseconds becoming
/// timestamps) in batches of 1,000, by a child process killed with SIGKILL half way (at a batch drawn at random between
/// 80 and 120, inside its transaction or just after its commit: a gate the test holds, never a delay). The rerun resumes
/// after the last committed batch, reports progress from there, and the totals, the id map, the lookups and the
/// validation all match. The seed is printed; MIGRATIONKIT_DATA_SEED replays it.
/// </summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class LegacyTableScenarioTests(Engine targetEngine)
{
    private const int LegacyOrders = 220_000;

    [Test]
    public async Task A_large_legacy_table_moved_into_a_new_shape_resumes_after_a_kill_half_way_with_matching_totals()
    {
        var seed = Environment.GetEnvironmentVariable("MIGRATIONKIT_DATA_SEED") is { Length: > 0 } given ? int.Parse(given, CultureInfo.InvariantCulture) : Random.Shared.Next();
        var random = new Random(seed);
        var killedAt = random.Next(80, 121);
        var moment = random.Next(2) == 0 ? "writing" : "committed";
        TestContext.Out.WriteLine($"Scenario 5 into {targetEngine}: seed {seed}, kill at batch {killedAt} ({moment}) (MIGRATIONKIT_DATA_SEED={seed} replays it)");
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await LegacyShop.CreateSourceAsync(source, LegacyOrders);
        await using var target = await TestDb.CreateAsync(targetEngine);
        await LegacyShop.CreateTargetAsync(target);
        var moved = LegacyShop.Moved(LegacyOrders);
        var batches = (moved + ScenarioFiveMoves.BatchSize - 1) / ScenarioFiveMoves.BatchSize;

        await ChildMove.RunUntilGateAndKillAsync(
            ["scenario5", source.EngineArgument, source.ConnectionString, target.EngineArgument, target.ConnectionString, "0", killedAt.ToString(CultureInfo.InvariantCulture), moment],
            killedAt,
            moment);
        var committed = moment == "writing" ? killedAt - 1 : killedAt;
        (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(committed * ScenarioFiveMoves.BatchSize, "only the committed batches are in the target after the kill");

        var reports = new List<DataMoveProgress>();
        var mover = new DataMover();
        var customers = await mover.RunAsync(ScenarioFiveMoves.CustomersMove(source.Endpoint, target.Endpoint));
        var orders = ScenarioFiveMoves.OrdersMove(source.Endpoint, target.Endpoint);
        var result = await mover.RunAsync(orders, new SynchronousProgress(reports.Add));

        customers.Status.Should().Be(DataMoveStatus.AlreadyCompleted, "the killed process had moved the customers before the orders");
        result.Status.Should().Be(DataMoveStatus.Completed);
        result.ResumedFromBatch.Should().Be(committed);
        result.Batches.Should().Be(batches);
        result.RowsWritten.Should().Be(moved);
        reports[0].Phase.Should().Be(DataMovePhase.Preparing);
        reports[0].RowsDone.Should().Be(committed * ScenarioFiveMoves.BatchSize, "progress starts where the killed run stopped");
        reports.Where(r => r.Phase == DataMovePhase.Moving).Should().HaveCount(batches - committed, "one progress report per batch of the resumed run");
        reports[^1].Should().Match<DataMoveProgress>(r => r.Phase == DataMovePhase.Completed && r.RowsDone == moved && r.RowsTotal == moved);

        (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(moved, "no gap, no duplicate");
        (await target.CountAsync("SELECT COUNT(DISTINCT id) FROM orders")).Should().Be(moved);
        (await target.CountAsync($"SELECT COUNT(*) FROM __migrationkit_data_idmap WHERE move = '{ScenarioFiveMoves.Orders}'")).Should().Be(moved, "every source row has one id-map entry");
        (await target.CountAsync($"SELECT COUNT(DISTINCT target_key) FROM __migrationkit_data_idmap WHERE move = '{ScenarioFiveMoves.Orders}'")).Should().Be(moved);
        foreach (var (status, id) in new[] { ("new", 1), ("paid", 2), ("shipped", 3) })
        {
            var expected = await source.CountAsync($"SELECT COUNT(*) FROM legacy_orders WHERE deleted = 0 AND status = '{status}'");
            (await target.CountAsync($"SELECT COUNT(*) FROM orders WHERE status_id = {id}")).Should().Be(expected, $"status '{status}' became lookup id {id}");
        }

        (await target.CountAsync("SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id")).Should().Be(moved, "every order points at its customer's new key");
        (await target.RowsAsync($"SELECT status FROM __migrationkit_data_runs WHERE move = '{ScenarioFiveMoves.Orders}' ORDER BY run_id")).Select(r => (string)r[0]!).Should().Equal("interrupted", "completed");
        var report = await mover.ValidateAsync(orders);
        report.IsValid.Should().BeTrue(string.Join(", ", report.Differences));
        report.SourceRows.Should().Be(moved);
        report.TargetRows.Should().Be(moved);
    }

    private sealed class SynchronousProgress(Action<DataMoveProgress> report) : IProgress<DataMoveProgress>
    {
        public void Report(DataMoveProgress value) => report(value);
    }
}
