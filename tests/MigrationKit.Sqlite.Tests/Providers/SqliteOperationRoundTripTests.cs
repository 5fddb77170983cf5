using MigrationKit.Operations;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>
/// The key invariant, for every operation type: after the generated SQL runs, the schema read back equals what the
/// generator's <c>Apply</c> predicts. Each case starts from a small shop schema with data, indexes, a trigger and a view.
/// </summary>
[TestFixture(SqliteStorage.Memory)]
[TestFixture(SqliteStorage.File)]
public sealed class SqliteOperationRoundTripTests(SqliteStorage storage)
{
    private SqliteTestDatabase _db = null!;

    public static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData Case(string name, Action<MigrationBuilder> migration) => new TestCaseData(migration).SetArgDisplayNames(name);

        yield return Case("create table with every column type and constraint", m => m.CreateTable("catalog", t =>
        {
            t.Column("sku").AsString(20);
            t.Column("region").AsInt16();
            t.Column("count").AsInt32().NotNull().Default(0);
            t.Column("big").AsInt64().Nullable().Default(-5L);
            t.Column("price").AsDecimal(10, 2).NotNull().Default(1.50m);
            t.Column("weight").AsDouble().Nullable().Default(2.5);
            t.Column("title").AsText().NotNull().Default("it's new");
            t.Column("active").AsBoolean().NotNull().Default(true);
            t.Column("released").AsDate().Nullable();
            t.Column("updated").AsDateTime().Nullable().Default(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            t.Column("stamp").AsDateTimeOffset().NotNull().DefaultSql(SqlExpression.CurrentTimestamp);
            t.Column("ref").AsGuid().Nullable().Default(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
            t.Column("blob").AsBinary().Nullable().Default(new byte[] { 0x00, 0xFF });
            t.Column("meta").AsJson().Nullable().DefaultSql(SqlExpression.Raw("json_object('a', 1)"));
            t.Column("extra").AsCustom("VARCHAR(10)").Nullable();
            t.Column("owner_id").AsInt64().Nullable().References("customers", onDelete: ReferentialAction.SetNull, onUpdate: ReferentialAction.Cascade);
            t.PrimaryKey("sku", "region");
            t.Unique("title", "region");
            t.Check("count_positive", "count >= 0");
        }));
        yield return Case("create table with identity key", m => m.CreateTable("events", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("kind").AsString(20).NotNull();
        }));
        yield return Case("drop table", m => m.DropTable("orders"));
        yield return Case("rename table referenced by a foreign key and a view", m => m.RenameTable("customers", "clients"));
        yield return Case("rename table with a trigger, view and check", m => m.RenameTable("orders", "purchases"));
        yield return Case("rename table to a name that needs quoting", m => m.RenameTable("orders", "order"));
        yield return Case("rename column used by a check", m => m.RenameColumn("orders", "qty", "quantity"));
        yield return Case("rename column used by an index predicate, trigger and view", m => m.RenameColumn("orders", "note", "remark"));
        yield return Case("rename column referenced by another table", m => m.RenameColumn("customers", "id", "customer_id"));
        yield return Case("rename column to a keyword", m => m.RenameColumn("orders", "qty", "order"));
        yield return Case("add nullable column", m => m.AddColumn("customers", "phone", c => c.AsString(30).Nullable()));
        yield return Case("add not-null column with a constant default", m => m.AddColumn("customers", "tier", c => c.AsInt32().NotNull().Default(1)));
        yield return Case("add column with a current-timestamp default", m => m.AddColumn("customers", "joined", c => c.AsDateTime().NotNull().DefaultSql(SqlExpression.CurrentTimestamp)));
        yield return Case("add column with an expression default", m => m.AddColumn("customers", "code", c => c.AsText().Nullable().DefaultSql(SqlExpression.Raw("lower(hex(randomblob(4)))"))));
        yield return Case("add unique column", m => m.AddColumn("customers", "handle", c => c.AsString(40).Nullable().Unique()));
        yield return Case("add referencing column", m => m.AddColumn("orders", "referrer_id", c => c.AsInt64().Nullable().References("customers")));
        yield return Case("drop unconstrained column", m => m.DropColumn("customers", "name"));
        yield return Case("drop column with a foreign key and an index", m => m.DropColumn("orders", "customer_id"));
        yield return Case("drop identity primary key column", m => m.DropColumn("tags", "id"));
        yield return Case("drop column in a unique constraint", m => m.DropColumn("customers", "email"));
        yield return Case("alter column type, nullability and default", m => m.AlterColumn("orders", "qty", c => c.AsDecimal(10, 2).NotNull().Default(1.5m)));
        yield return Case("alter column to nullable without default", m => m.AlterColumn("orders", "qty", c => c.AsInt32().Nullable()));
        yield return Case("alter column default to an expression", m => m.AlterColumn("customers", "name", c => c.AsText().Nullable().DefaultSql(SqlExpression.Raw("'n/a'"))));
        yield return Case("create index", m => m.CreateIndex("customers", "name"));
        yield return Case("create unique index", m => m.CreateIndex("customers", "name", "email").Unique());
        yield return Case("create partial index", m => m.CreateIndex("orders", "qty").Where("qty > 1 AND note IS NOT NULL").Named("ix_big_orders"));
        yield return Case("drop index", m => m.DropIndex("orders", "ix_orders_customer_id"));
        yield return Case("drop partial index", m => m.DropIndex("orders", "ix_orders_note"));
        yield return Case("add primary key", m => m.AddPrimaryKey("settings", "scope", "key"));
        yield return Case("drop primary key", m => m.DropPrimaryKey("codes"));
        yield return Case("add unique constraint", m => m.AddUniqueConstraint("customers", "name"));
        yield return Case("drop unique constraint", m => m.DropUniqueConstraint("customers", "uq_customers_email"));
        yield return Case("add foreign key", m => m.AddForeignKey("settings", ["owner_id"], "customers", ["id"], onDelete: ReferentialAction.Cascade));
        yield return Case("drop foreign key", m => m.DropForeignKey("orders", "fk_orders_customer_id_customers"));
        yield return Case("add check constraint", m => m.AddCheckConstraint("customers", "email_has_at", "instr(email, '@') > 0"));
        yield return Case("drop check constraint", m => m.DropCheckConstraint("orders", "ck_orders_qty_positive"));
        yield return Case("create and drop schema", m =>
        {
            m.CreateSchema("reporting");
            m.DropSchema("reporting");
        });
        yield return Case("operations written for another schema", m =>
        {
            var app = m.InSchema("app");
            app.AddColumn("customers", "nickname", c => c.AsText().Nullable());
            app.AlterColumn("customers", "nickname", c => c.AsString(20).Nullable().Default("-"));
            app.AddForeignKey("settings", ["owner_id"], "customers", ["id"]);
        });
        yield return Case("raw SQL and data", m =>
        {
            m.Sql("UPDATE customers SET name = upper(name)");
            m.InsertData("customers", ["email", "name"], ["c@example.com", "Cy"]);
            m.UpdateData("customers", "email", "c@example.com", "name", "Cyd");
            m.DeleteData("customers", "email", "b@example.com");
        });
    }

    [SetUp]
    public async Task SetUp()
    {
        _db = await SqliteTestDatabase.CreateAsync(storage);
        await _db.ExecuteAsync(Shop);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [TestCaseSource(nameof(Cases))]
    public async Task ExecuteOperation_ReadBack_EqualsPrediction(Action<MigrationBuilder> migration)
    {
        var operations = SqliteTestDatabase.Operations(migration);

        foreach (var operation in operations)
        {
            await _db.ExecuteAndVerifyAsync(operation);
        }

        operations.Should().NotBeEmpty();
    }

    [TestCaseSource(nameof(Cases))]
    public async Task GenerateAsync_PredictedSchema_WritesSameSqlAsLiveSchema(Action<MigrationBuilder> migration)
    {
        // What a dry run prints must be what a real run executes.
        var replay = new ReplaySqliteSchemaContext(_db.Generator, await _db.ReadAsync());
        foreach (var operation in SqliteTestDatabase.Operations(migration))
        {
            var predicted = await _db.Generator.GenerateAsync(operation, replay);
            replay.Apply(operation);
            var executed = await _db.ExecuteAsync(operation);
            predicted.Should().Equal(executed, "the dry-run SQL for '{0}' should be what runs", operation.Describe());
        }

        replay.Schema.CompareTo(await _db.ReadAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task ExecuteOperation_RenameColumnsBackAndForth_RestoresSchemaTextExactly()
    {
        var before = await _db.ReadAsync();

        await _db.ExecuteAndVerifyAsync(m =>
        {
            m.RenameColumn("orders", "note", "remark");
            m.RenameColumn("orders", "qty", "quantity");
        });
        var renamed = await _db.ReadAsync();
        await _db.ExecuteAndVerifyAsync(m =>
        {
            m.RenameColumn("orders", "quantity", "qty");
            m.RenameColumn("orders", "remark", "note");
        });

        renamed.Views.Should().ContainSingle().Which.Definition.Should().Contain("SUM(quantity)");
        (await _db.ReadAsync()).CompareTo(before).Should().BeEmpty();
    }

    private static void Shop(MigrationBuilder m)
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
            t.Column("customer_id").AsInt64().NotNull().References("customers");
            t.Column("qty").AsInt32().NotNull().Default(1);
            t.Column("note").AsText().Nullable();
            t.Column("created_at").AsDateTimeOffset().NotNull().DefaultSql(SqlExpression.CurrentTimestamp);
            t.Check("qty_positive", "qty > 0");
        });
        m.CreateTable("tags", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("label").AsString(50).NotNull();
        });
        m.CreateTable("codes", t =>
        {
            t.Column("code").AsString(10);
            t.Column("lang").AsString(5);
            t.PrimaryKey("code", "lang");
        });
        m.CreateTable("settings", t =>
        {
            t.Column("scope").AsString(20).NotNull();
            t.Column("key").AsString(50).NotNull();
            t.Column("value").AsText().Nullable();
            t.Column("owner_id").AsInt64().Nullable();
        });
        m.CreateIndex("orders", "customer_id");
        m.CreateIndex("orders", "note").Where("note IS NOT NULL");
        m.Sql("CREATE TRIGGER orders_audit AFTER UPDATE OF qty ON orders BEGIN UPDATE orders SET note = 'qty was ' || OLD.qty WHERE id = NEW.id; END");
        m.Sql("CREATE VIEW customer_totals AS SELECT c.email, SUM(qty) AS total FROM orders JOIN customers AS c ON c.id = orders.customer_id GROUP BY c.email");
        m.InsertData("customers", ["email", "name"], ["a@example.com", "Ann"], ["b@example.com", null]);
        m.InsertData("orders", ["customer_id", "qty", "note"], [1L, 2, "first"], [2L, 5, null]);
        m.InsertData("settings", ["scope", "key", "value"], ["app", "theme", "dark"]);
    }
}
