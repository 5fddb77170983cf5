using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Preview;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Databases;

/// <summary>Looking before a whole-database move: its plan and its dry run, table by table in load order, moving nothing.</summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
public sealed class DatabaseMovePlanTests(Engine targetEngine) : ShopDatabasesTest(Engine.Sqlite, targetEngine)
{
    private static readonly string[] LoadOrder = ["shop.customers", "shop.employees", "shop.orders", "shop.products", "shop.order_lines"];
    [Test]
    public async Task The_plan_lists_every_table_in_load_order_samples_children_without_their_parents_and_moves_nothing()
    {
        var move = TrialDatabaseMove.Build(Source.Endpoint, Target.Endpoint, batchSize: 40);

        var plan = await new DataMover().PlanAsync(move);

        plan.MoveName.Should().Be(TrialDatabaseMove.Name);
        plan.Tables.Select(t => t.MoveName).Should().Equal(LoadOrder);
        plan.SourceRows.Should().Be(Shop.Customers + Shop.Products + Shop.Orders + Shop.Lines + Shop.Employees);
        plan.RowsAlreadyMoved.Should().Be(0);
        plan.DeferredColumns.Should().Equal("employees.manager_id");
        plan.Risk.Should().Be(DataMoveRisk.Low, string.Join("; ", plan.Tables.SelectMany(t => t.Reasons)));
        plan.EstimatedDuration.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero);
        var orders = plan.Tables.Single(t => t.MoveName == "shop.orders");
        orders.Batches.Should().Be((Shop.Orders + 39) / 40);
        orders.SampleRows.Should().Be(40);
        orders.Reasons.Should().ContainSingle().Which.Should().Contain("not written").And.Contain("'customers'").And.Contain("measured on 'employees'");
        plan.Tables.Single(t => t.MoveName == "shop.order_lines").Reasons.Should().ContainSingle().Which.Should().Contain("'orders'").And.Contain("'products'");
        plan.Tables.Single(t => t.MoveName == "shop.customers").Reasons.Should().BeEmpty("a table without parents is sampled by a write rolled back");
        foreach (var table in new[] { "customers", "products", "orders", "order_lines", "employees" })
        {
            (await Target.CountAsync($"SELECT COUNT(*) FROM {table}")).Should().Be(0, $"planning wrote nothing into {table}");
        }
    }

    [Test]
    public async Task After_the_run_the_plan_finds_every_row_moved()
    {
        var mover = new DataMover();
        var move = TrialDatabaseMove.Build(Source.Endpoint, Target.Endpoint, batchSize: 100);
        await mover.RunAsync(move);

        var plan = await mover.PlanAsync(move);

        plan.RowsAlreadyMoved.Should().Be(plan.SourceRows);
        plan.Tables.Should().OnlyContain(t => t.Batches == 0 && t.Reasons.Count == 0);
        plan.EstimatedDuration.Should().Be(TimeSpan.Zero);
    }

    [Test]
    public async Task The_dry_run_maps_the_first_rows_of_every_table_and_shows_references_to_unmoved_parents_as_pending()
    {
        var move = TrialDatabaseMove.Build(Source.Endpoint, Target.Endpoint, batchSize: 40);

        var dryRuns = await new DataMover().DryRunAsync(move, rows: 3);

        dryRuns.Select(d => d.MoveName).Should().Equal(LoadOrder);
        dryRuns.Should().OnlyContain(d => d.Rows.Count == 3 && d.Rows.All(r => r.Error == null));
        var customers = dryRuns[0];
        customers.Rows.Select(r => r.Values[customers.TargetColumns.ToList().IndexOf("id")]).Should().AllBeOfType<Guid>();
        var orders = dryRuns[2];
        var customerId = orders.TargetColumns.ToList().IndexOf("customer_id");
        orders.Rows.Select(r => r.Values[customerId]!.ToString()).Should().OnlyContain(v => v!.Contains("new key of", StringComparison.Ordinal) && v.Contains("shop.customers", StringComparison.Ordinal));
        (await Target.CountAsync("SELECT COUNT(*) FROM customers")).Should().Be(0);
    }
}
