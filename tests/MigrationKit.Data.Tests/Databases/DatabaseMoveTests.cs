using MigrationKit.Data.Conversion;
using MigrationKit.Data.Databases;
using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Moves;
using MigrationKit.Data.Sqlite;
using MigrationKit.Data.Tests.Support;

namespace MigrationKit.Data.Tests.Databases;

/// <summary>Whole-database copies in all four directions: foreign-key order, child keys remapped through the parents' id maps, deferred columns, then the steps after the load.</summary>
[TestFixture(Engine.Sqlite, Engine.PostgreSql)]
[TestFixture(Engine.PostgreSql, Engine.PostgreSql)]
[TestFixture(Engine.Sqlite, Engine.Sqlite)]
[TestFixture(Engine.PostgreSql, Engine.Sqlite)]
public sealed class DatabaseMoveTests(Engine sourceEngine, Engine targetEngine) : ShopDatabasesTest(sourceEngine, targetEngine)
{
    [Test]
    public async Task Every_table_arrives_parents_first_with_child_keys_remapped_and_generators_past_the_highest_key()
    {
        var mover = new DataMover();
        var move = TrialDatabaseMove.Build(Source.Endpoint, Target.Endpoint, batchSize: 40);

        var result = await mover.RunAsync(move);

        result.Tables.Select(t => t.MoveName).Should().Equal("shop.customers", "shop.employees", "shop.orders", "shop.products", "shop.order_lines");
        result.Tables.Sum(t => t.RowsWritten).Should().Be(Shop.Customers + Shop.Products + Shop.Orders + Shop.Lines + Shop.Employees);
        result.DeferredColumns.Should().Equal(new Dictionary<string, long> { ["employees.manager_id"] = Shop.Employees });
        await Shop.AssertCopiedAsync(Target, "after the copy");

        var products = result.KeyGenerators.Should().ContainSingle(g => g.Table == "products").Subject;
        products.HighestKey.Should().Be(Shop.Products);
        products.NextValue.Should().Be(Shop.Products + 1);
        var orders = result.KeyGenerators.Where(g => g.Table == "orders").ToList();
        orders.Should().HaveCount(Target.IsPostgreSql ? 1 : 0, "only PostgreSQL's bigserial has a generator; a SQLite rowid takes the highest plus one by itself");
        await Target.ExecuteAsync("INSERT INTO products (name, price) VALUES ('new product', 1)");
        (await Target.CountAsync("SELECT id FROM products WHERE name = 'new product'")).Should().Be(Shop.Products + 1, "the application's next product does not collide with a moved one");

        result.HasNoOrphans.Should().BeTrue();
        result.ForeignKeys.Should().HaveCount(4);
        result.ForeignKeys.Should().OnlyContain(f => f.IsValidated);
        if (Target.IsPostgreSql)
        {
            (await Target.CountAsync("SELECT COUNT(*) FROM pg_constraint WHERE conname = 'fk_order_lines_products' AND convalidated")).Should().Be(1, "the NOT VALID key was validated after the load");
        }

        var report = await mover.ValidateAsync(move);
        report.IsValid.Should().BeTrue(string.Join("; ", report.Tables.SelectMany(t => t.Differences)));
        report.Tables.Should().HaveCount(5);
    }

    [Test]
    public async Task A_second_run_finds_every_table_done_and_changes_nothing()
    {
        var mover = new DataMover();
        var move = TrialDatabaseMove.Build(Source.Endpoint, Target.Endpoint, batchSize: 100);
        await mover.RunAsync(move);

        var again = await mover.RunAsync(move);

        again.Tables.Should().OnlyContain(t => t.Status == DataMoveStatus.AlreadyCompleted);
        again.DeferredColumns["employees.manager_id"].Should().Be(0, "the deferred column was filled by the first run");
        await Shop.AssertCopiedAsync(Target, "after a second run");
    }
}

/// <summary>What a whole-database move refuses, before it moves anything; and what it reports after.</summary>
[TestFixture(Engine.Sqlite)]
[TestFixture(Engine.PostgreSql)]
public sealed class DatabaseMoveDefinitionTests(Engine targetEngine) : ShopDatabasesTest(Engine.Sqlite, targetEngine)
{
    [Test]
    public async Task A_self_reference_left_unbroken_is_a_cycle_error_naming_it_and_nothing_moves()
    {
        var move = DatabaseMove.Named("shop").From(Source.Endpoint).To(Target.Endpoint).Build();

        var error = (await FluentActions.Awaiting(() => new DataMover().RunAsync(move)).Should().ThrowAsync<DataMoveCycleException>()).Which;

        error.Tables.Should().Equal("employees");
        error.ForeignKeys.Should().ContainSingle().Which.Columns.Should().Equal("manager_id");
        error.Message.Should().Contain("form a cycle among 'employees'").And.Contain("DeferColumn(\"employees\", \"manager_id\")").And.Contain("Nothing was moved");
        (await Target.CountAsync("SELECT COUNT(*) FROM customers")).Should().Be(0);
        (await ControlTablesAsync()).Should().Be(0, "the target is left exactly as it was");
    }

    [Test]
    public async Task Two_tables_referencing_each_other_are_named_together()
    {
        await Target.ExecuteAsync(Target.Pick(
            "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id)); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id))",
            "CREATE TABLE a (id bigint PRIMARY KEY, b_id bigint); CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a); ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b"));
        await Source.ExecuteAsync("CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER)");
        var move = DatabaseMove.Named("ab").From(Source.Endpoint).To(Target.Endpoint).Tables("a", "b", "employees").DeferColumn("employees", "manager_id").Build();

        var error = (await FluentActions.Awaiting(() => new DataMover().RunAsync(move)).Should().ThrowAsync<DataMoveCycleException>()).Which;

        error.Tables.Should().Equal("a", "b");
        error.ForeignKeys.Should().HaveCount(2);
        error.Message.Should().Contain("DeferColumn(\"a\", \"b_id\") or DeferColumn(\"b\", \"a_id\")");
    }

    [Test]
    public async Task Every_problem_of_the_description_is_listed_at_once()
    {
        await Source.ExecuteAsync("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, line TEXT)");
        var move = DatabaseMove.Named("shop").From(Source.Endpoint).To(Target.Endpoint)
            .Except("no_such_table")
            .Table("orders", t => t.To(Target.Endpoint, "orders_v2"))
            .DeferColumn("orders", "customer_id")
            .DeferColumn("employees", "manager_id")
            .Build();

        var error = (await FluentActions.Awaiting(() => new DataMover().RunAsync(move)).Should().ThrowAsync<DataMoveDefinitionException>()).Which;

        error.Problems.Should().BeEquivalentTo(
            $"Except() names 'no_such_table', which is not a table of the source {Source.Endpoint.DisplayName}",
            $"source table 'audit_log' has no table 'audit_log' in the target {Target.Endpoint.DisplayName}: create it with a migration, leave it out with Except(\"audit_log\"), or send it elsewhere with Table(\"audit_log\", t => t.To(target, \"other\"))",
            $"source table 'orders' has no table 'orders_v2' in the target {Target.Endpoint.DisplayName}: create it with a migration, leave it out with Except(\"orders\"), or send it elsewhere with Table(\"orders\", t => t.To(target, \"other\"))");
        (await ControlTablesAsync()).Should().Be(0);
    }

    [Test]
    public async Task A_not_null_deferred_column_is_refused()
    {
        var move = DatabaseMove.Named("shop").From(Source.Endpoint).To(Target.Endpoint).DeferColumn("orders", "customer_id").DeferColumn("employees", "manager_id").Build();

        var error = (await FluentActions.Awaiting(() => new DataMover().RunAsync(move)).Should().ThrowAsync<DataMoveDefinitionException>()).Which;

        error.Problems.Should().ContainSingle().Which.Should().Be("DeferColumn(\"orders\", \"customer_id\"): the column is NOT NULL, so it cannot be loaded as NULL first; break the cycle on a nullable column");
    }

    [Test]
    public async Task A_chosen_set_of_tables_moves_alone_in_foreign_key_order()
    {
        var result = await new DataMover().RunAsync(DatabaseMove.Named("some").From(Source.Endpoint).To(Target.Endpoint).Tables("order_lines", "orders", "products", "customers")
            .Table("customers", t => t.Map("id", to: "id", DataConvert.ToNewGuid())).Build());

        result.Tables.Select(t => t.MoveName).Should().Equal("some.customers", "some.orders", "some.products", "some.order_lines");
        (await Target.CountAsync("SELECT COUNT(*) FROM employees")).Should().Be(0);
        result.ForeignKeys.Select(f => f.ForeignKey.Table).Should().BeEquivalentTo(["orders", "order_lines", "order_lines"], "the keys of the tables moved are checked");
    }

    [Test]
    public void A_builder_without_endpoints_lists_both()
    {
        var error = FluentActions.Invoking(() => DatabaseMove.Named("bad name").Build()).Should().Throw<DataMoveDefinitionException>().Which;

        error.Problems.Should().Equal("no source: call From(source)", "no target: call To(target)", "the name 'bad name' may hold only letters, digits, '-', '_' and '.'");
    }

    private async Task<long> ControlTablesAsync() => await Target.CountAsync(Target.Pick(
        "SELECT COUNT(*) FROM sqlite_schema WHERE name LIKE '__migrationkit%'",
        "SELECT COUNT(*) FROM pg_tables WHERE tablename LIKE '\\_\\_migrationkit%'"));
}

/// <summary>Orphans: a legacy SQLite file whose foreign keys were never enforced holds orders of a customer that does not exist.</summary>
public sealed class DatabaseMoveOrphanTests
{
    [Test]
    public async Task Orphaned_child_rows_are_counted_and_named_after_the_load_and_fail_validation()
    {
        await using var source = await TestDb.CreateAsync(Engine.Sqlite);
        await using var target = await TestDb.CreateAsync(Engine.Sqlite);
        await Shop.CreateSourceAsync(source);
        await Shop.CreateTargetAsync(target);
        await target.ExecuteAsync("PRAGMA foreign_keys = OFF; DROP TABLE orders; DROP TABLE customers; CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), placed DATETIME NOT NULL)");
        await source.ExecuteAsync("PRAGMA foreign_keys = OFF; UPDATE orders SET customer_id = 999 WHERE id IN (7, 8)");

        // A target whose connections do not enforce foreign keys (SQLite's own default), as a legacy application's.
        var unenforced = new SqliteDataEndpoint(target.ConnectionString + ";Foreign Keys=False");
        var move = DatabaseMove.Named("legacy").From(source.Endpoint).To(unenforced).DeferColumn("employees", "manager_id").Build();

        var result = await new DataMover().RunAsync(move);

        result.HasNoOrphans.Should().BeFalse();
        var orphans = result.ForeignKeys.Should().ContainSingle(f => f.Orphans > 0).Subject;
        orphans.ForeignKey.Table.Should().Be("orders");
        orphans.Orphans.Should().Be(2);
        orphans.OrphanExamples.Should().Equal("customer_id=999", "customer_id=999");
        var report = await new DataMover().ValidateAsync(move);
        report.IsValid.Should().BeFalse();
        report.Tables.Should().OnlyContain(t => t.IsValid, "the rows themselves were copied faithfully");
    }
}
