using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Moves;

/// <summary>With an error budget, bad rows (unconvertible, or refused by the target) are isolated, recorded with their original values, and the move goes on.</summary>
[TestFixture(Engine.PostgreSql)]
[TestFixture(Engine.Sqlite)]
public sealed class RejectsTests(Engine targetEngine)
{
    private TestDb _source = null!;
    private TestDb _target = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _source = await TestDb.CreateAsync(Engine.Sqlite);
        _target = await TestDb.CreateAsync(targetEngine);
        await Readings.CreateAsync(_source, _target, targetCheck: "value < 1000");
        await _source.ExecuteAsync("UPDATE readings SET value = 'twelve' WHERE id = 7");
        await _source.ExecuteAsync("UPDATE readings SET value = '5000' WHERE id IN (23, 24)");
    }

    [TearDown]
    public async Task DropAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    private DataMove Move(long budget) => DataMove.Named("readings").From(_source.Endpoint, "readings").To(_target.Endpoint, "readings").BatchSize(10).ErrorBudget(budget).Build();

    [Test]
    public async Task Exactly_the_bad_rows_are_rejected_with_their_original_values_and_the_rest_is_moved()
    {
        var mover = new DataMover();

        var result = await mover.RunAsync(Move(budget: 5));

        result.RowsRead.Should().Be(50);
        result.RowsWritten.Should().Be(47);
        result.RowsRejected.Should().Be(3);
        result.Rejects.Select(r => r.SourceKey).Should().Equal("7", "23", "24");
        var expectedType = _target.IsPostgreSql ? "numeric(10,2)" : "DECIMAL(10,2)";
        result.Rejects[0].Reason.Should().Be($"column 'value' has value 'twelve', which is not a {expectedType} for target column 'value' (The input string 'twelve' was not in a correct format.)");
        result.Rejects[1].Reason.Should().StartWith("the target refused the row: ");
        result.Rejects[1].Reason.ToLowerInvariant().Should().Contain("check constraint");
        (await _target.CountAsync("SELECT COUNT(*) FROM readings")).Should().Be(47);
        (await _target.CountAsync("SELECT COUNT(*) FROM readings WHERE id IN (7, 23, 24)")).Should().Be(0);

        var stored = await _target.RowsAsync("SELECT source_key, source_values, run_id FROM __migrationkit_data_rejects ORDER BY source_key");
        stored.Select(r => (string)r[0]!).Should().Equal("23", "24", "7");
        stored[2][1].Should().Be("{\"id\":7,\"taken\":\"2026-01-08T10:00:00Z\",\"value\":\"twelve\",\"ok\":1}");
        stored[0][1].Should().Be("{\"id\":23,\"taken\":\"2026-01-24T10:00:00Z\",\"value\":\"5000\",\"ok\":1}");
        (await _target.RowsAsync("SELECT rows_read, rows_written, rows_rejected FROM __migrationkit_data_runs")).Single().Should().Equal(50L, 47L, 3L);

        var report = await mover.ValidateAsync(Move(budget: 5));
        report.IsValid.Should().BeTrue();
        report.RejectedRows.Should().Be(3);
        report.IdMapRows.Should().Be(47);
    }

    [Test]
    public async Task One_bad_row_more_than_the_budget_stops_the_move_with_the_batch_rolled_back()
    {
        var mover = new DataMover();

        var error = (await mover.Invoking(m => m.RunAsync(Move(budget: 1))).Should().ThrowAsync<DataMoveException>()).Which;

        error.Batch.Should().Be(3);
        error.Message.Should().StartWith("Data move 'readings' stopped in batch 3: 2 rejected row(s) exceed its error budget of 1 row(s). The last one: ");
        (await _target.CountAsync("SELECT COUNT(*) FROM readings")).Should().Be(19, "batches 1 and 2 are kept, less the rejected row 7");
        (await _target.RowsAsync("SELECT source_key FROM __migrationkit_data_rejects")).Select(r => r[0]).Should().Equal("7");
        (await _target.RowsAsync("SELECT status, batches, rows_rejected FROM __migrationkit_data_runs")).Single().Should().Equal("failed", 2L, 1L);
    }
}
