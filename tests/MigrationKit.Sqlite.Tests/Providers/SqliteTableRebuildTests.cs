using Microsoft.Data.Sqlite;
using MigrationKit.Operations;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>Table rebuilds keep every row, index, trigger, view and foreign key, and fail cleanly when the data does not fit.</summary>
[TestFixture(SqliteStorage.Memory)]
[TestFixture(SqliteStorage.File)]
public sealed class SqliteTableRebuildTests(SqliteStorage storage)
{
    private const string OrdersRows = "SELECT id, customer_id, qty, note FROM orders ORDER BY id";
    private const string CustomersRows = "SELECT id, email, name FROM customers ORDER BY id";
    private const string SchemaObjects = "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name";

    private SqliteTestDatabase _db = null!;

    [SetUp]
    public async Task SetUp()
    {
        _db = await SqliteTestDatabase.CreateAsync(storage);
        await _db.ExecuteAsync(m =>
        {
            m.CreateTable("customers", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("email").AsString(200).NotNull().Unique();
                t.Column("name").AsText().Nullable();
            });
            m.CreateTable("orders", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("customer_id").AsInt64().NotNull().References("customers", onDelete: ReferentialAction.Cascade);
                t.Column("qty").AsInt32().NotNull().Default(1);
                t.Column("note").AsText().Nullable();
                t.Check("qty_positive", "qty > 0");
            });
            m.CreateTable("events", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("message").AsText();
            });
            m.CreateTable("tags", t =>
            {
                t.Column("code").AsString(10).PrimaryKey();
                t.Column("label").AsText();
                t.Column("weight").AsInt32().Nullable();
            });
            m.CreateIndex("orders", "customer_id");
            m.CreateIndex("orders", "note").Where("note IS NOT NULL");
            m.CreateIndex("tags", "label").Unique();
            m.Sql("CREATE TRIGGER orders_audit AFTER UPDATE OF qty ON orders BEGIN UPDATE orders SET note = 'qty was ' || OLD.qty WHERE id = NEW.id; END");

            // A trigger on another table that mentions orders: SQLite re-checks it when the rebuilt table is renamed.
            m.Sql("CREATE TRIGGER customers_count AFTER INSERT ON customers BEGIN INSERT INTO events (message) SELECT 'orders: ' || COUNT(*) FROM orders; END");
            m.Sql("CREATE VIEW customer_totals AS SELECT c.email, SUM(o.qty) AS total FROM orders AS o JOIN customers AS c ON c.id = o.customer_id GROUP BY c.email");
            m.Sql("CREATE VIEW order_notes AS SELECT id, note FROM orders");
            m.Sql("CREATE TRIGGER order_notes_update INSTEAD OF UPDATE ON order_notes BEGIN UPDATE orders SET note = NEW.note WHERE id = NEW.id; END");
            m.InsertData("customers", ["email", "name"], ["a@example.com", "Ann"], ["b@example.com", "Bob"]);
            m.InsertData("orders", ["customer_id", "qty", "note"], [1L, 2, "first"], [1L, 3, null], [2L, 5, "big"]);
            m.InsertData("tags", ["code", "label", "weight"], ["r", "red", 1], ["g", "green", null]);
        });
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public async Task AlterColumn_TypeNullabilityAndDefault_KeepsRowsIndexesTriggersViewsAndForeignKeys()
    {
        var orders = await _db.RowsAsync(OrdersRows);
        var customers = await _db.RowsAsync(CustomersRows);
        var objects = await _db.RowsAsync(SchemaObjects);
        var totals = await _db.RowsAsync("SELECT * FROM customer_totals ORDER BY email");

        await _db.InTransactionAsync(async () =>
        {
            await _db.ExecuteAndVerifyAsync(SqliteTestDatabase.Operation(m => m.AlterColumn("orders", "qty", c => c.AsInt64().NotNull().Default(7))));
            await _db.ExecuteAndVerifyAsync(SqliteTestDatabase.Operation(m => m.AlterColumn("customers", "name", c => c.AsString(100).NotNull().Default("anonymous"))));
            await _db.ExecuteAndVerifyAsync(SqliteTestDatabase.Operation(m => m.AlterColumn("orders", "note", c => c.AsString(500).Nullable().Default("-"))));
        });

        (await _db.RowsAsync(OrdersRows)).Should().BeEquivalentTo(orders, o => o.WithStrictOrdering());
        (await _db.RowsAsync(CustomersRows)).Should().BeEquivalentTo(customers, o => o.WithStrictOrdering());
        (await _db.RowsAsync(SchemaObjects)).Should().BeEquivalentTo(objects, o => o.WithStrictOrdering());
        (await _db.RowsAsync("SELECT * FROM customer_totals ORDER BY email")).Should().BeEquivalentTo(totals, o => o.WithStrictOrdering());
        var schema = await _db.ReadAsync();
        schema.FindTable(new QualifiedName("orders"))!.ForeignKeys.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Name = "fk_orders_customer_id_customers", OnDelete = ReferentialAction.Cascade });
        schema.FindTable(new QualifiedName("orders"))!.FindColumn("qty")!.DefaultSql.Should().Be("7");
        schema.FindTable(new QualifiedName("customers"))!.FindColumn("name")!.IsNullable.Should().BeFalse();

        // The triggers (the table's own, another table's, a view's INSTEAD OF) and the indexes still work.
        await _db.ExecuteSqlAsync("UPDATE orders SET qty = 9 WHERE id = 1");
        (await _db.ScalarAsync("SELECT note FROM orders WHERE id = 1")).Should().Be("qty was 2");
        await _db.ExecuteSqlAsync("UPDATE order_notes SET note = 'via view' WHERE id = 2");
        (await _db.ScalarAsync("SELECT note FROM orders WHERE id = 2")).Should().Be("via view");
        await _db.ExecuteSqlAsync("INSERT INTO customers (email) VALUES ('c@example.com')");
        (await _db.ScalarAsync("SELECT message FROM events ORDER BY id DESC LIMIT 1")).Should().Be("orders: 3");
        (await _db.ScalarAsync("SELECT name FROM customers WHERE email = 'c@example.com'")).Should().Be("anonymous");
        var insertDuplicate = () => _db.ExecuteSqlAsync("INSERT INTO customers (email) VALUES ('a@example.com')");
        await insertDuplicate.Should().ThrowAsync<SqliteException>().WithMessage("*UNIQUE constraint failed*");
    }

    [Test]
    public async Task AlterColumn_ParentOfCascadingForeignKey_KeepsChildRows()
    {
        // With enforcement on, dropping the old parent table would cascade-delete every order.
        await _db.InTransactionAsync(() => _db.ExecuteAndVerifyAsync(
            SqliteTestDatabase.Operation(m => m.AlterColumn("customers", "email", c => c.AsString(300).NotNull()))));

        (await _db.ScalarAsync("SELECT COUNT(*) FROM orders")).Should().Be(3L);
    }

    [Test]
    public async Task AlterColumn_AutoincrementTable_KeepsHighWaterMark()
    {
        await _db.ExecuteSqlAsync("DELETE FROM orders WHERE id = 3");

        await _db.InTransactionAsync(() => _db.ExecuteAndVerifyAsync(
            SqliteTestDatabase.Operation(m => m.AlterColumn("orders", "note", c => c.AsString(50).Nullable()))));
        await _db.ExecuteSqlAsync("INSERT INTO orders (customer_id) VALUES (1)");

        (await _db.ScalarAsync("SELECT MAX(id) FROM orders")).Should().Be(4L, "AUTOINCREMENT never reuses the id of a deleted row");
        (await _db.ScalarAsync("SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'orders'")).Should().Be(1L);
    }

    [Test]
    public async Task AddForeignKey_RowsReferenceExistingParents_CommitsAndEnforcesKey()
    {
        await _db.ExecuteAsync(m =>
        {
            m.CreateTable("shipments", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("order_id").AsInt64();
            });
            m.InsertData("shipments", ["id", "order_id"], [10L, 1L], [11L, 3L]);
        });

        await _db.InTransactionAsync(() => _db.ExecuteAndVerifyAsync(
            SqliteTestDatabase.Operation(m => m.AddForeignKey("shipments", ["order_id"], "orders", ["id"]))));

        (await _db.RowsAsync("SELECT id, order_id FROM shipments ORDER BY id")).Should().BeEquivalentTo(new[] { new object[] { 10L, 1L }, [11L, 3L] });
        await _db.ExecuteSqlAsync("PRAGMA foreign_keys = ON");
        var insertOrphan = () => _db.ExecuteSqlAsync("INSERT INTO shipments (id, order_id) VALUES (12, 99)");
        await insertOrphan.Should().ThrowAsync<SqliteException>().WithMessage("*FOREIGN KEY constraint failed*");
        await _db.ExecuteSqlAsync("PRAGMA foreign_keys = OFF");
        (await _db.RowsAsync("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('shipments')")).Should().BeEquivalentTo(new[] { new object[] { "orders", "order_id", "id" } });
    }

    [Test]
    public async Task AddForeignKey_OrphanRows_FailsBeforeCommitListingViolationsAndRollsBack()
    {
        await _db.ExecuteAsync(m =>
        {
            m.CreateTable("shipments", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("order_id").AsInt64();
            });
            m.InsertData("shipments", ["id", "order_id"], [10L, 1L], [11L, 98L], [12L, 99L]);
        });
        var before = await _db.ReadAsync();

        var act = () => _db.InTransactionAsync(() => _db.ExecuteAsync(
            SqliteTestDatabase.Operation(m => m.AddForeignKey("shipments", ["order_id"], "orders", ["id"]))));

        var thrown = await act.Should().ThrowAsync<MigrationKitException>();
        thrown.Which.Message.Should().Contain("2 row(s)")
            .And.Contain("table \"shipments\" rowid 11 references a missing row of \"orders\"")
            .And.Contain("table \"shipments\" rowid 12 references a missing row of \"orders\"")
            .And.Contain("Fix the data")
            .And.NotContain("rowid 10");
        (await _db.ReadAsync()).CompareTo(before).Should().BeEmpty("the rebuild was rolled back");
        (await _db.ScalarAsync("SELECT COUNT(*) FROM shipments")).Should().Be(3L);
    }

    [Test]
    public async Task DropColumn_PrimaryKeyColumn_KeepsRowsOfOtherColumnsAndIndexes()
    {
        var statements = await _db.ExecuteAndVerifyAsync(SqliteTestDatabase.Operation(m => m.DropColumn("tags", "code")));

        statements.Should().Contain(s => s.StartsWith("ALTER TABLE \"tags\" RENAME TO \"__migrationkit_old_tags\"", StringComparison.Ordinal));
        (await _db.RowsAsync("SELECT label, weight FROM tags ORDER BY label")).Should().BeEquivalentTo(new[] { new object?[] { "green", null }, ["red", 1L] });
        var tags = (await _db.ReadAsync()).FindTable(new QualifiedName("tags"))!;
        tags.PrimaryKey.Should().BeNull();
        tags.Indexes.Should().ContainSingle().Which.Should().BeEquivalentTo(new IndexDefinition("ix_tags_label", ["label"]) { IsUnique = true }, o => o.Excluding(i => i.Definition));
    }

    [Test]
    public async Task AddCheckConstraint_RowsSatisfyIt_KeepsRowsAndEnforcesIt()
    {
        await _db.InTransactionAsync(() => _db.ExecuteAndVerifyAsync(
            SqliteTestDatabase.Operation(m => m.AddCheckConstraint("customers", "email_has_at", "instr(email, '@') > 0"))));

        (await _db.ScalarAsync("SELECT COUNT(*) FROM customers")).Should().Be(2L);
        var insertBad = () => _db.ExecuteSqlAsync("INSERT INTO customers (email) VALUES ('nobody')");
        await insertBad.Should().ThrowAsync<SqliteException>().WithMessage("*CHECK constraint failed: ck_customers_email_has_at*");
    }

    [Test]
    public async Task AddCheckConstraint_RowViolatesIt_FailsAndLeavesTableUnchanged()
    {
        var before = await _db.ReadAsync();
        var rows = await _db.RowsAsync(OrdersRows);

        var act = () => _db.InTransactionAsync(() => _db.ExecuteAsync(
            SqliteTestDatabase.Operation(m => m.AddCheckConstraint("orders", "small", "qty < 5"))));

        await act.Should().ThrowAsync<SqliteException>().WithMessage("*CHECK constraint failed*");
        (await _db.ReadAsync()).CompareTo(before).Should().BeEmpty();
        (await _db.RowsAsync(OrdersRows)).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
    }

    [Test]
    public async Task AlterColumn_NullsIntoNotNull_FailsAndLeavesTableUnchanged()
    {
        var before = await _db.ReadAsync();

        var act = () => _db.InTransactionAsync(() => _db.ExecuteAsync(
            SqliteTestDatabase.Operation(m => m.AlterColumn("orders", "note", c => c.AsText().NotNull()))));

        await act.Should().ThrowAsync<SqliteException>().WithMessage("*NOT NULL constraint failed*");
        (await _db.ReadAsync()).CompareTo(before).Should().BeEmpty();
        (await _db.ScalarAsync("SELECT COUNT(*) FROM orders")).Should().Be(3L);
    }

    [Test]
    public async Task AddPrimaryKey_DuplicateValues_FailsAndLeavesTableUnchanged()
    {
        await _db.ExecuteSqlAsync("INSERT INTO tags (code, label) VALUES ('b', 'blue'), ('b2', 'red2')");
        await _db.ExecuteAsync(m => m.DropPrimaryKey("tags"));
        await _db.ExecuteSqlAsync("UPDATE tags SET code = 'b' WHERE code = 'b2'");

        var act = () => _db.InTransactionAsync(() => _db.ExecuteAsync(SqliteTestDatabase.Operation(m => m.AddPrimaryKey("tags", "code"))));

        await act.Should().ThrowAsync<SqliteException>().WithMessage("*UNIQUE constraint failed*");
        (await _db.ReadAsync()).FindTable(new QualifiedName("tags"))!.PrimaryKey.Should().BeNull();
    }
}
