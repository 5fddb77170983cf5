using System.Globalization;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Moves;

/// <summary>Scenario 5 in every direction: the legacy shop into the new shape, id-mapped, looked up, converted, validated.</summary>
[TestFixture(Engine.Sqlite, Engine.PostgreSql)]
[TestFixture(Engine.PostgreSql, Engine.PostgreSql)]
[TestFixture(Engine.Sqlite, Engine.Sqlite)]
[TestFixture(Engine.PostgreSql, Engine.Sqlite)]
[TestFixture(Engine.SqliteMemory, Engine.SqliteMemory)]
public sealed class DirectionTests(Engine sourceEngine, Engine targetEngine)
{
    private const int Orders = 500;
    private TestDb _source = null!;
    private TestDb _target = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _source = await TestDb.CreateAsync(sourceEngine);
        _target = await TestDb.CreateAsync(targetEngine);
        await LegacyShop.CreateSourceAsync(_source, Orders);
        await LegacyShop.CreateTargetAsync(_target);
    }

    [TearDown]
    public async Task DropAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Test]
    public async Task Legacy_orders_arrive_in_the_new_shape_with_every_row_mapped_once()
    {
        var mover = new DataMover();
        var customers = await mover.RunAsync(LegacyShop.CustomersMove(_source, _target));
        var orders = await mover.RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 64));

        customers.RowsWritten.Should().Be(LegacyShop.Customers);
        orders.Status.Should().Be(DataMoveStatus.Completed);
        orders.RowsWritten.Should().Be(LegacyShop.Moved(Orders));
        orders.Batches.Should().Be((LegacyShop.Moved(Orders) + 63) / 64);
        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(LegacyShop.Moved(Orders));
        (await _target.CountAsync("SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id")).Should().Be(LegacyShop.Moved(Orders), "every customer key went through the customers' id map");

        // Legacy row 3 (g = 1): customer 2, 'paid' (status 2), created 1700000001001 ms, 1.25, paid, 'note 1'.
        var idMap = await _target.RowsAsync("SELECT target_key FROM __migrationkit_data_idmap WHERE move = 'legacy-orders' AND source_key = '3'");
        idMap.Should().ContainSingle();
        var targetKey = (string)idMap[0][0]!;
        Guid.TryParse(targetKey, out _).Should().BeTrue();
        var row = (await _target.RowsAsync(_target.Pick(
            $"SELECT o.customer, o.status_id, o.created_at, o.amount, o.paid, o.note, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = '{targetKey}'",
            $"SELECT o.customer, o.status_id, o.created_at, o.amount, o.paid, o.note, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = '{targetKey}'::uuid"))).Single();
        row[0].Should().Be("customer 2");
        Convert.ToInt64(row[1], CultureInfo.InvariantCulture).Should().Be(2);
        var expectedCreated = DateTime.UnixEpoch.AddMilliseconds(1700000001001);
        if (_target.IsPostgreSql)
        {
            row[2].Should().Be(DateTime.SpecifyKind(expectedCreated, DateTimeKind.Utc));
            row[3].Should().Be(1.25m);
            row[4].Should().Be(true);
        }
        else
        {
            row[2].Should().Be(expectedCreated.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            decimal.Parse((string)row[3]!, CultureInfo.InvariantCulture).Should().Be(1.25m);
            row[4].Should().Be(1L);
        }

        row[5].Should().Be("note 1");
        row[6].Should().Be("customer 2");
        (await _target.CountAsync("SELECT COUNT(*) FROM orders WHERE note IS NULL")).Should().Be(Orders / 5 - Orders / 10, "every fifth note is NULL, and every tenth row (a fifth's multiple) is deleted");

        var report = await mover.ValidateAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 64));
        report.Differences.Should().BeEmpty();
        report.SourceRows.Should().Be(LegacyShop.Moved(Orders));
        report.IdMapRows.Should().Be(LegacyShop.Moved(Orders));
        report.TargetRows.Should().Be(LegacyShop.Moved(Orders));
        report.IsValid.Should().BeTrue();
    }

    [Test]
    public async Task A_completed_move_run_again_moves_nothing()
    {
        var mover = new DataMover();
        await mover.RunAsync(LegacyShop.CustomersMove(_source, _target));
        var first = await mover.RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 100));
        var second = await mover.RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 100));

        second.Status.Should().Be(DataMoveStatus.AlreadyCompleted);
        second.RowsWritten.Should().Be(first.RowsWritten);
        second.Checksum.Should().Be(first.Checksum);
        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(LegacyShop.Moved(Orders));
        (await _target.CountAsync("SELECT COUNT(*) FROM __migrationkit_data_runs WHERE move = 'legacy-orders'")).Should().Be(1);
    }

    [Test]
    public async Task An_order_whose_customer_was_not_moved_stops_the_move_naming_the_id_map()
    {
        var mover = new DataMover();
        var act = () => mover.RunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 100));

        var error = (await act.Should().ThrowAsync<DataMoveRowException>()).Which;
        error.Key.Should().Be("id=3");
        error.Column.Should().Be("customer_id");
        error.Message.Should().Contain("the id map of move 'legacy-customers' has no entry for source key '2'; run that move first");
        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(0);
    }
}
