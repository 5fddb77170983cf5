using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;
using MigrationKit.Data.Validation;

namespace MigrationKit.Data.Tests.Validation;

/// <summary>Validation finds a changed, a missing and a duplicated target row, naming their keys.</summary>
[TestFixture(Engine.PostgreSql)]
[TestFixture(Engine.Sqlite)]
public sealed class ValidationTests(Engine targetEngine)
{
    private const int Orders = 300;
    private TestDb _source = null!;
    private TestDb _target = null!;
    private DataMover _mover = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _source = await TestDb.CreateAsync(Engine.Sqlite);
        _target = await TestDb.CreateAsync(targetEngine);
        await LegacyShop.CreateSourceAsync(_source, Orders);
        await LegacyShop.CreateTargetAsync(_target, primaryKey: false);
        _mover = new DataMover();
        await _mover.RunAsync(LegacyShop.CustomersMove(_source, _target));
        await _mover.RunAsync(Move());
    }

    [TearDown]
    public async Task DropAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    private DataMove Move() => LegacyShop.OrdersMove(_source, _target, batchSize: 50);

    private async Task<string> TargetKeyAsync(long sourceId) =>
        (string)(await _target.RowsAsync($"SELECT target_key FROM __migrationkit_data_idmap WHERE move = 'legacy-orders' AND source_key = '{sourceId}'")).Single()[0]!;

    private string Id(string key) => _target.Pick($"'{key}'", $"'{key}'::uuid");

    [Test]
    public async Task An_untouched_target_is_valid()
    {
        var report = await _mover.ValidateAsync(Move());

        report.IsValid.Should().BeTrue();
        report.Ranges.Should().Be(6, "270 source rows in ranges of 50");
        report.RangesBisected.Should().Be(0);
    }

    [Test]
    public async Task A_changed_a_missing_and_a_duplicated_row_are_each_named()
    {
        var changed = await TargetKeyAsync(33);
        var missing = await TargetKeyAsync(297);
        var duplicated = await TargetKeyAsync(501);
        await _target.ExecuteAsync($"UPDATE orders SET amount = {_target.Pick("'999.99'", "999.99")} WHERE id = {Id(changed)}");
        await _target.ExecuteAsync($"DELETE FROM orders WHERE id = {Id(missing)}");
        await _target.ExecuteAsync($"INSERT INTO orders SELECT * FROM orders WHERE id = {Id(duplicated)}");

        var report = await _mover.ValidateAsync(Move());

        report.IsValid.Should().BeFalse();
        report.Differences.Should().BeEquivalentTo(
            new[]
            {
                new DataDifference(DataDifferenceKind.Changed, "id=33", changed),
                new DataDifference(DataDifferenceKind.Missing, "id=297", missing),
                new DataDifference(DataDifferenceKind.Duplicated, "id=501", duplicated),
            },
            o => o.WithStrictOrdering());
        report.SourceRows.Should().Be(270);
        report.TargetRows.Should().Be(270, "one row is missing and one is there twice");
        report.TargetTableRows.Should().Be(270);
        report.RangesBisected.Should().Be(3);
    }

    [Test]
    public async Task A_source_row_added_after_the_move_is_unmapped()
    {
        await _source.ExecuteAsync("INSERT INTO legacy_orders VALUES (100000, 1, 'customer 1', 'new', 1700000000000, '1.00', 0, NULL, 0)");

        var report = await _mover.ValidateAsync(Move());

        report.Differences.Should().ContainSingle().Which.Should().Be(new DataDifference(DataDifferenceKind.Unmapped, "id=100000", null));
        report.SourceRows.Should().Be(271);
        report.IdMapRows.Should().Be(270);
    }
}
