using MigrationKit.Data.Moves;
using MigrationKit.Data.Preview;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Preview;

/// <summary>Looking before moving: the profile, the plan and the dry run read what they need and leave the target as it was.</summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
public sealed class PreviewTests(Engine targetEngine)
{
    private const int Orders = 200;
    private TestDb _source = null!;
    private TestDb _target = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _source = await TestDb.CreateAsync(Engine.Sqlite);
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
    public async Task The_profile_counts_nulls_distinct_values_and_extremes_and_names_the_values_that_would_not_convert()
    {
        var mover = new DataMover();
        await mover.RunAsync(LegacyShop.CustomersMove(_source, _target));
        await _source.ExecuteAsync("UPDATE legacy_orders SET paid = 'maybe' WHERE id IN (9, 33)");
        await _source.ExecuteAsync("UPDATE legacy_orders SET created = 'yesterday' WHERE id = 12");

        var profile = await mover.ProfileAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 64), examples: 1);

        profile.Rows.Should().Be(LegacyShop.Moved(Orders));
        var paid = profile.Columns.Single(c => c.SourceColumn == "paid");
        paid.ConversionFailures.Should().Be(2);
        paid.FailureExamples.Should().ContainSingle().Which.Should().StartWith("id=9: 'maybe' (");
        paid.TargetType.Should().Be(_target.IsPostgreSql ? "boolean" : "INTEGER");
        profile.Columns.Single(c => c.SourceColumn == "created").FailureExamples.Should().ContainSingle().Which.Should().StartWith("id=12: 'yesterday'");
        var status = profile.Columns.Single(c => c.SourceColumn == "status");
        (status.DistinctEstimate, status.Min, status.Max, status.ConversionFailures).Should().Be((3L, "'new'", "'shipped'", 0L));
        var note = profile.Columns.Single(c => c.SourceColumn == "note");
        note.Nulls.Should().Be(Enumerable.Range(1, Orders).Count(g => g % 10 != 0 && g % 5 == 0), "every fifth row has no note");
        var id = profile.Columns.Single(c => c.SourceColumn == "id");
        (id.DistinctEstimate, id.Min, id.Max).Should().Be((LegacyShop.Moved(Orders), "3", "597"));
        profile.Columns.Single(c => c.SourceColumn == "customer_id").ConversionFailures.Should().Be(0, "the customers were moved: their id map holds every customer");
        profile.ConvertsCleanly.Should().BeFalse();
        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(0, "a profile writes nothing");
    }

    [Test]
    public async Task A_plan_before_the_parents_moved_is_high_risk_and_says_why_and_leaves_no_trace()
    {
        var plan = await new DataMover().PlanAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 64));

        plan.Risk.Should().Be(DataMoveRisk.High);
        plan.Reasons.Should().ContainSingle().Which.Should().Contain("64 of the 64 sample row(s) cannot be converted and would stop the move")
            .And.Contain("the id map of move 'legacy-customers' has no entry for source key");
        plan.EstimatedDuration.Should().BeNull();
        (await ControlTablesAsync()).Should().Be(0, "planning creates no control table");
    }

    [Test]
    public async Task A_plan_counts_the_rows_and_batches_times_a_rolled_back_sample_and_flags_rows_already_in_the_target()
    {
        var mover = new DataMover();
        await mover.RunAsync(LegacyShop.CustomersMove(_source, _target));
        var move = LegacyShop.OrdersMove(_source, _target, batchSize: 64);

        var plan = await mover.PlanAsync(move);

        (plan.SourceRows, plan.RowsAlreadyMoved, plan.Batches, plan.SampleRows, plan.Risk).Should().Be((LegacyShop.Moved(Orders), 0L, 3L, 64, DataMoveRisk.Low));
        plan.Reasons.Should().BeEmpty();
        plan.EstimatedDuration.Should().NotBeNull();
        plan.Mappings.Should().Contain(m => m.StartsWith("status → status_id (") && m.EndsWith("): id of the row of order_status whose name equals the value"));
        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(0, "the sample was written in a transaction that was rolled back");

        await _target.ExecuteAsync(_target.Pick(
            "INSERT INTO orders (id, customer, created_at, amount, paid) VALUES ('00000000-0000-0000-0000-000000000001', 'walk-in', '2026-01-01', '1', 1)",
            "INSERT INTO orders (id, customer, created_at, amount, paid) VALUES ('00000000-0000-0000-0000-000000000001', 'walk-in', now(), 1, true)"));
        var crowded = await mover.PlanAsync(move);
        crowded.Risk.Should().Be(DataMoveRisk.Medium);
        crowded.Reasons.Should().ContainSingle().Which.Should().StartWith("the target table 'orders' already holds 1 row(s) that this move did not write");
    }

    [Test]
    public async Task A_dry_run_shows_the_first_rows_as_the_move_would_write_them_and_the_reason_of_a_bad_one()
    {
        var mover = new DataMover();
        await mover.RunAsync(LegacyShop.CustomersMove(_source, _target));
        await _source.ExecuteAsync("UPDATE legacy_orders SET paid = 'maybe' WHERE id = 6");
        var customerTwo = (string)(await _target.RowsAsync("SELECT target_key FROM __migrationkit_data_idmap WHERE move = 'legacy-customers' AND source_key = '2'")).Single()[0]!;

        var dryRun = await mover.DryRunAsync(LegacyShop.OrdersMove(_source, _target, batchSize: 64), rows: 3);

        dryRun.TargetColumns.Should().Equal("id", "customer_id", "customer", "status_id", "created_at", "amount", "paid", "note");
        dryRun.Rows.Select(r => r.SourceKey).Should().Equal("id=3", "id=6", "id=9");
        var first = dryRun.Rows[0];
        first.Error.Should().BeNull();
        Guid.TryParse(first.Values[0]!.ToString(), out _).Should().BeTrue("the key becomes a new UUID");
        first.Values[1]!.ToString().Should().Be(customerTwo, "legacy customer 2 goes through the customers' id map");
        var created = DateTime.UnixEpoch.AddMilliseconds(1700000001001);
        first.Values.Skip(2).Should().Equal(_target.IsPostgreSql
            ? ["customer 2", 2, created, 1.25m, true, "note 1"]
            : new object?[] { "customer 2", 2L, "2023-11-14 22:13:21.001", "1.25", 1L, "note 1" });
        dryRun.Rows[1].Error.Should().Be(_target.IsPostgreSql
            ? "column 'paid' has value 'maybe', which is not a boolean for target column 'paid' (Only 0, 1, 'true' and 'false' are booleans.)"
            : "column 'paid' has value 'maybe', which is not a INTEGER for target column 'paid' (The input string 'maybe' was not in a correct format.)");
        (await _target.CountAsync("SELECT COUNT(*) FROM orders")).Should().Be(0, "a dry run writes nothing");
    }

    private async Task<long> ControlTablesAsync() => await _target.CountAsync(_target.Pick(
        "SELECT COUNT(*) FROM sqlite_schema WHERE name LIKE '__migrationkit%'",
        "SELECT COUNT(*) FROM pg_tables WHERE tablename LIKE '\\_\\_migrationkit%'"));
}

/// <summary>The profile of a whole-database move: every table in load order, before anything moved.</summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
public sealed class DatabasePreviewTests(Engine targetEngine)
{
    [Test]
    public async Task Every_table_is_profiled_parents_first_and_a_key_through_a_parent_not_moved_yet_is_left_unchecked()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await using var target = await TestDb.CreateAsync(targetEngine);
        await Shop.CreateSourceAsync(source);
        await Shop.CreateTargetAsync(target);
        await source.ExecuteAsync("UPDATE products SET price = 'free' WHERE id = 4");

        var profiles = await new DataMover().ProfileAsync(MoveRunner.TrialDatabaseMove.Build(source.Endpoint, target.Endpoint, 50));

        profiles.Select(p => (p.TargetTable, p.Rows)).Should().Equal(("customers", 9L), ("employees", 20L), ("orders", 300L), ("products", 12L), ("order_lines", 600L));
        profiles[2].Columns.Single(c => c.SourceColumn == "customer_id").ConversionFailures.Should().Be(0, "the customers' id map does not exist yet, so it is not checked");
        var price = profiles[3].Columns.Single(c => c.SourceColumn == "price");
        price.ConversionFailures.Should().Be(1);
        price.FailureExamples.Should().ContainSingle().Which.Should().StartWith("id=4: 'free' (");
        profiles[1].Columns.Select(c => c.SourceColumn).Should().NotContain("manager_id", "the deferred column is filled in after the load, not by the table's move");
        (await target.CountAsync("SELECT COUNT(*) FROM customers")).Should().Be(0);
    }
}
