using MigrationKit.Data.Endpoints;
using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Safety;

/// <summary>
/// One run of a move at a time: a second run of a move that another process is running is refused before it touches
/// anything, and the move is free again the moment the holding process dies (here: held at a gate inside its run, then
/// killed with SIGKILL, as in the kill trials).
/// </summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
[NonParallelizable]
public sealed class ConcurrentRunTests(Engine targetEngine)
{
    private const int Orders = 1_000;
    private const int BatchSize = 50;
    private const int HeldAtBatch = 3;

    /// <summary>Refuse at once: the holder in these tests is alive, so waiting would only slow them.</summary>
    private static readonly DataMoveOptions NoWait = new() { MoveLockWait = TimeSpan.Zero };

    [Test]
    public async Task A_move_another_process_is_running_is_refused_and_runs_once_that_process_is_gone()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await LegacyShop.CreateSourceAsync(source, Orders);
        await using var target = await TestDb.CreateAsync(targetEngine);
        await LegacyShop.CreateTargetAsync(target);
        var move = TrialMove.Build(source.Endpoint, target.Endpoint, BatchSize);

        await ChildMove.RunUntilGateAndKillAsync(
            [
                source.EngineArgument, source.ConnectionString, target.EngineArgument, target.ConnectionString,
                BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), HeldAtBatch.ToString(System.Globalization.CultureInfo.InvariantCulture), "committed",
            ],
            HeldAtBatch,
            "committed",
            whileHeld: async () =>
            {
                var second = () => new DataMover(NoWait).RunAsync(move);

                var refused = (await second.Should().ThrowAsync<DataMoveInProgressException>()).Which;
                refused.MoveName.Should().Be(TrialMove.Name);
                refused.Message.Should().Contain($"'{TrialMove.Name}'").And.Contain("Wait for that run to finish");
                refused.Holder.Should().Contain(targetEngine == Engine.PostgreSql ? "held by backend" : "lock file");
                (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(HeldAtBatch * BatchSize, "the refused run wrote nothing");
                (await target.RowsAsync("SELECT status FROM __migrationkit_data_runs")).Select(r => (string)r[0]!).Should().Equal(["running"], "the refused run started no run of its own");
            });

        var result = await new DataMover().RunAsync(move);

        result.ResumedFromBatch.Should().Be(HeldAtBatch, "the killed holder released the move, and its committed batches stand");
        result.RowsWritten.Should().Be(LegacyShop.Moved(Orders));
        (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(LegacyShop.Moved(Orders));
        (await new DataMover().ValidateAsync(move)).IsValid.Should().BeTrue();
    }

    [Test]
    public async Task A_run_waiting_for_its_move_takes_it_when_the_holder_lets_go()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await LegacyShop.CreateSourceAsync(source, 100);
        await using var target = await TestDb.CreateAsync(targetEngine);
        await LegacyShop.CreateTargetAsync(target);
        var locking = (IDataMoveLocking)target.Endpoint;
        var move = TrialMove.Build(source.Endpoint, target.Endpoint, BatchSize);
        var held = await locking.LockMoveAsync(TrialMove.Name, TimeSpan.Zero);
        Task<DataMoveResult> waiting;
        try
        {
            // The held lock is the gate: the run cannot finish until the test lets it go.
            waiting = new DataMover(new DataMoveOptions { MoveLockWait = TimeSpan.FromMinutes(5) }).RunAsync(move);
            (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(0);
            waiting.IsCompleted.Should().BeFalse("the run waits for the move's lock");
        }
        finally
        {
            await held.DisposeAsync();
        }

        var result = await waiting;
        result.Status.Should().Be(DataMoveStatus.Completed);
        result.RowsWritten.Should().Be(LegacyShop.Moved(100));
    }

    [Test]
    public async Task A_held_move_refuses_only_itself_and_frees_when_released()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await LegacyShop.CreateSourceAsync(source, 100);
        await using var target = await TestDb.CreateAsync(targetEngine);
        await LegacyShop.CreateTargetAsync(target);
        var locking = (IDataMoveLocking)target.Endpoint;
        var move = TrialMove.Build(source.Endpoint, target.Endpoint, BatchSize);
        var databaseMove = TrialDatabaseMove.Build(source.Endpoint, target.Endpoint, BatchSize);

        await using (await locking.LockMoveAsync(TrialMove.Name, TimeSpan.Zero))
        {
            await using (await locking.LockMoveAsync(TrialDatabaseMove.Name, TimeSpan.Zero))
            {
                var again = () => locking.LockMoveAsync(TrialMove.Name, TimeSpan.Zero).AsTask();
                await again.Should().ThrowAsync<DataMoveInProgressException>("a lock is not re-entrant, even in one process");
                var whole = () => new DataMover(NoWait).RunAsync(databaseMove);
                (await whole.Should().ThrowAsync<DataMoveInProgressException>()).Which.MoveName.Should().Be(TrialDatabaseMove.Name);
            }

            var run = () => new DataMover(NoWait).RunAsync(move);
            await run.Should().ThrowAsync<DataMoveInProgressException>();
            (await target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(0);
        }

        var result = await new DataMover().RunAsync(move);
        result.Status.Should().Be(DataMoveStatus.Completed);
        result.RowsWritten.Should().Be(LegacyShop.Moved(100));
    }
}
