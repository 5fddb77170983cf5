using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Moves;

/// <summary>Cancellation finishes the batch being written and leaves a resumable state; progress is reported per batch, and per key range while validating.</summary>
[TestFixture(Engine.PostgreSql)]
[TestFixture(Engine.Sqlite)]
public sealed class CancellationAndProgressTests(Engine targetEngine)
{
    private const int Orders = 400;
    private TestDb _source = null!;
    private TestDb _target = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _source = await TestDb.CreateAsync(Engine.Sqlite);
        _target = await TestDb.CreateAsync(targetEngine);
        await LegacyShop.CreateSourceAsync(_source, Orders);
        await LegacyShop.CreateTargetAsync(_target);
        await new DataMover().RunAsync(LegacyShop.CustomersMove(_source, _target));
    }

    [TearDown]
    public async Task DropAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Test]
    public async Task Cancelled_while_batch_3_is_being_written_the_move_commits_batch_3_stops_and_resumes_after_it()
    {
        using var cancellation = new CancellationTokenSource();
        var observer = new CancelAt(3, cancellation);
        var mover = new DataMover(new DataMoveOptions { Observer = observer });

        await mover.Invoking(m => m.RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 40), cancellationToken: cancellation.Token)).Should().ThrowAsync<OperationCanceledException>();

        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(120);
        (await _target.RowsAsync("SELECT status, batches FROM __migrationkit_data_runs WHERE move = 'legacy-orders'")).Single().Should().Equal("cancelled", 3L);

        var result = await new DataMover().RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 40));

        result.ResumedFromBatch.Should().Be(3);
        result.RunId.Should().Be(2);
        result.RowsWritten.Should().Be(LegacyShop.Moved(Orders));
        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(LegacyShop.Moved(Orders));
        (await new DataMover().ValidateAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 40))).IsValid.Should().BeTrue();
    }

    [Test]
    public async Task Progress_counts_every_committed_batch_up_to_the_total()
    {
        var reports = new List<DataMoveProgress>();
        var progress = new SynchronousProgress(reports.Add);

        await new DataMover().RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 100), progress);

        reports.Select(r => r.Phase).Should().Equal(DataMovePhase.Preparing, DataMovePhase.Moving, DataMovePhase.Moving, DataMovePhase.Moving, DataMovePhase.Moving, DataMovePhase.Completed);
        reports.Select(r => r.RowsDone).Should().Equal(0, 100, 200, 300, 360, 360);
        reports.Should().OnlyContain(r => r.RowsTotal == 360 && r.MoveName == "legacy-orders" && r.Table == "orders");
        reports[^1].EstimatedRemaining.Should().Be(TimeSpan.Zero);
    }

    [Test]
    public async Task Validation_reports_its_progress_range_by_range_up_to_the_source_count()
    {
        await new DataMover().RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 100));
        var reports = new List<DataMoveProgress>();

        var report = await new DataMover().ValidateAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 100), new SynchronousProgress(reports.Add));

        report.IsValid.Should().BeTrue();
        reports.Should().OnlyContain(r => r.Phase == DataMovePhase.Validating && r.RowsTotal == 360 && r.MoveName == "legacy-orders" && r.Table == "orders");
        reports.Select(r => r.RowsDone).Should().Equal(100, 200, 300, 360, 360);
        reports[^1].EstimatedRemaining.Should().Be(TimeSpan.Zero);
    }

    private sealed class CancelAt(long batch, CancellationTokenSource cancellation) : DataMoveObserver
    {
        public override ValueTask OnBatchWritingAsync(DataMoveBatch batchInfo, CancellationToken cancellationToken)
        {
            if (batchInfo.Number == batch)
            {
                cancellation.Cancel();
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class SynchronousProgress(Action<DataMoveProgress> report) : IProgress<DataMoveProgress>
    {
        public void Report(DataMoveProgress value) => report(value);
    }
}
