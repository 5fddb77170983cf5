using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;

namespace MigrationKit.PostgreSql.Tests.Providers;

/// <summary>
/// Issue 12 part 3: the schema reader sees partitioned tables (key, partitions and bounds), materialized views with their
/// indexes, enum types, domains and sequences with their owner, and the comparer reports each change as a typed difference.
/// </summary>
public sealed class PostgreSqlWholeSchemaReaderTests : DatabaseTest
{
    private const string Schema = """
        CREATE TYPE order_status AS ENUM ('new', 'paid', 'shipped');
        ALTER TYPE order_status ADD VALUE 'returned' BEFORE 'shipped';
        CREATE TYPE audit.level AS ENUM ('info', 'warn');
        CREATE DOMAIN email AS text COLLATE "C" NOT NULL CHECK (VALUE ~ '^[^@]+@[^@]+$');
        CREATE DOMAIN amount AS numeric(12,2) DEFAULT 0 CONSTRAINT amount_not_negative CHECK (VALUE >= 0);
        CREATE SEQUENCE invoice_number AS integer START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 999999 CACHE 5 CYCLE;
        CREATE SEQUENCE audit.free_counter;
        CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email email);
        CREATE TABLE orders (id bigserial, status order_status NOT NULL DEFAULT 'new', total amount, placed_on date NOT NULL,
            invoice integer DEFAULT nextval('invoice_number'), PRIMARY KEY (id, placed_on)) PARTITION BY RANGE (placed_on);
        CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE TABLE orders_other PARTITION OF orders DEFAULT;
        ALTER SEQUENCE invoice_number OWNED BY orders.invoice;
        CREATE TABLE events (kind text NOT NULL, at date NOT NULL) PARTITION BY LIST (kind);
        CREATE TABLE events_click PARTITION OF events FOR VALUES IN ('click', 'tap') PARTITION BY RANGE (at);
        CREATE TABLE events_click_2026 PARTITION OF events_click FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        CREATE MATERIALIZED VIEW order_totals AS SELECT status, count(*) AS orders FROM orders GROUP BY status WITH NO DATA;
        CREATE UNIQUE INDEX ux_order_totals_status ON order_totals (status);
        CREATE INDEX ix_order_totals_orders ON order_totals (orders) WHERE orders > 10;
        """;

    [SetUp]
    public async Task CreateSchemaAsync() => await Database.ExecuteAsync("CREATE SCHEMA audit;\n" + Schema);

    [Test]
    public async Task Read_PartitionedTables_ParentWithKeyAndEveryPartitionWithItsBound()
    {
        var schema = await ReadAsync();

        schema.Tables.Select(t => t.Name.Name).Should().BeEquivalentTo(["customers", "orders", "events"], "partitions share their parent's shape and rows, so they are not tables of the model");
        schema.FindTable(new("orders"))!.PrimaryKey!.Columns.Should().Equal("id", "placed_on");
        var orders = schema.PartitionedTables.Should().ContainSingle(p => p.Table == new QualifiedName("orders", null)).Which;
        orders.PartitionKey.Should().Be("RANGE (placed_on)");
        orders.Partitions.Should().BeEquivalentTo(
        [
            new PartitionSchema(new("orders_2025"), "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
            new PartitionSchema(new("orders_2026"), "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"),
            new PartitionSchema(new("orders_other"), "DEFAULT"),
        ]);
        schema.PartitionedTables.Single(p => p.Table.Name == "events").Should().BeEquivalentTo(new
        {
            PartitionKey = "LIST (kind)",
            Partitions = new[] { new PartitionSchema(new("events_click"), "FOR VALUES IN ('click', 'tap')") },
        });
        schema.PartitionedTables.Single(p => p.Table.Name == "events_click").Should().BeEquivalentTo(new
        {
            PartitionKey = "RANGE (at)",
            Partitions = new[] { new PartitionSchema(new("events_click_2026"), "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')") },
        }, "a partition that is partitioned itself has its own entry");
    }

    [Test]
    public async Task Read_MaterializedView_WithDefinitionAndIndexes()
    {
        var view = (await ReadAsync()).MaterializedViews.Should().ContainSingle().Which;

        view.Name.Should().Be(new QualifiedName("order_totals"));
        view.Definition.Should().Contain("count(*) AS orders").And.Contain("FROM orders").And.Contain("GROUP BY orders.status");
        view.Indexes.Select(i => (i.Name, i.IsUnique, string.Join(",", i.Columns), i.Filter)).Should().BeEquivalentTo(
        [
            ("ix_order_totals_orders", false, "orders", "orders > 10"),
            ("ux_order_totals_status", true, "status", (string?)null),
        ]);
        (await ReadAsync()).Views.Should().BeEmpty("a materialized view is not a view");
    }

    [Test]
    public async Task Read_EnumTypes_WithValuesInSortOrderAndSchema()
    {
        var schema = await ReadAsync();

        schema.EnumTypes.Should().BeEquivalentTo(
        [
            new EnumTypeSchema(new("level", "audit"), ["info", "warn"]),
            new EnumTypeSchema(new("order_status"), ["new", "paid", "returned", "shipped"]),
        ], o => o.WithStrictOrderingFor(e => e.Values));
    }

    [Test]
    public async Task Read_Domains_WithBaseTypeNullabilityDefaultCollationAndChecks()
    {
        var domains = (await ReadAsync()).Domains;

        domains.Should().HaveCount(2);
        domains.Single(d => d.Name.Name == "amount").Should().BeEquivalentTo(new
        {
            BaseType = "numeric(12,2)",
            IsNullable = true,
            DefaultSql = "0",
            Collation = (string?)null,
            CheckConstraints = new[] { new CheckConstraintDefinition("amount_not_negative", "VALUE >= 0::numeric") },
        });
        var email = domains.Single(d => d.Name.Name == "email");
        email.Should().BeEquivalentTo(new { BaseType = "text", IsNullable = false, DefaultSql = (string?)null, Collation = "C" });
        email.CheckConstraints.Should().ContainSingle().Which.Expression.Should().Be("VALUE ~ '^[^@]+@[^@]+$'::text");
    }

    [Test]
    public async Task Read_Sequences_WithParametersAndOwningColumn_LeavingOutIdentitySequences()
    {
        var sequences = (await ReadAsync()).Sequences;

        sequences.Select(s => s.Name.ToString()).Should().BeEquivalentTo(["audit.free_counter", "invoice_number", "orders_id_seq"], "customers.id is an identity column, whose sequence belongs to it");
        sequences.Single(s => s.Name.Name == "invoice_number").Should().BeEquivalentTo(new SequenceSchema(new("invoice_number"), "integer")
        {
            StartValue = 1000,
            Increment = 10,
            MinValue = 1000,
            MaxValue = 999999,
            Cache = 5,
            Cycles = true,
            OwnedByTable = new("orders"),
            OwnedByColumn = "invoice",
        });
        sequences.Single(s => s.Name.Name == "orders_id_seq").Should().BeEquivalentTo(new { DataType = "bigint", OwnedByTable = new QualifiedName("orders"), OwnedByColumn = "id" }, "bigserial owns its sequence");
        sequences.Single(s => s.Name.Name == "free_counter").OwnedByTable.Should().BeNull();
    }

    [Test]
    public async Task Diff_PartitionChanges_AreTypedDifferences()
    {
        var before = await ReadAsync();
        await Database.ExecuteAsync("""
            ALTER TABLE orders DETACH PARTITION orders_2026;
            CREATE TABLE orders_2027 PARTITION OF orders FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
            DROP TABLE events CASCADE;
            CREATE TABLE events (kind text NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
            """);

        var differences = before.Diff(await ReadAsync());

        differences.Should().ContainEquivalentOf(new SchemaDifference(SchemaDifferenceKind.Missing, SchemaObjectKind.Partition, new("orders"), "orders_2026", "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')", null));
        differences.Should().ContainEquivalentOf(new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.Partition, new("orders"), "orders_2027", null, "FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')"));
        differences.Should().ContainEquivalentOf(new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.Table, new("orders_2026"), "orders_2026", null, "orders_2026"), "a detached partition is a table of its own");
        differences.Should().ContainEquivalentOf(new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.PartitionedTable, null, "events", "LIST (kind)", "RANGE (at)"));
        differences.Should().ContainEquivalentOf(new SchemaDifference(SchemaDifferenceKind.Missing, SchemaObjectKind.PartitionedTable, null, "events_click", "RANGE (at)", null));
        differences.Select(d => d.ToString()).Should().Contain("table orders: partition orders_2026 is missing").And.Contain("partition key of table events is RANGE (at), expected LIST (kind)");
    }

    [Test]
    public async Task Diff_MaterializedViewChanges_AreTypedDifferences()
    {
        var before = await ReadAsync();
        await Database.ExecuteAsync("DROP INDEX ix_order_totals_orders; CREATE INDEX ix_order_totals_both ON order_totals (status, orders)");

        var differences = before.Diff(await ReadAsync());

        differences.Should().BeEquivalentTo(
        [
            new SchemaDifference(SchemaDifferenceKind.Missing, SchemaObjectKind.MaterializedViewIndex, new("order_totals"), "ix_order_totals_orders", "(orders) where orders > 10", null),
            new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.MaterializedViewIndex, new("order_totals"), "ix_order_totals_both", null, "(status, orders)"),
        ]);
        differences[0].ToString().Should().Be("materialized view order_totals: index ix_order_totals_orders is missing");

        await Database.ExecuteAsync("DROP MATERIALIZED VIEW order_totals; CREATE MATERIALIZED VIEW order_totals AS SELECT status FROM orders WITH NO DATA");
        before.Diff(await ReadAsync()).Should().ContainSingle(d => d.ObjectKind == SchemaObjectKind.MaterializedView && d.Kind == SchemaDifferenceKind.Changed && d.Name == "order_totals");
        await Database.ExecuteAsync("DROP MATERIALIZED VIEW order_totals");
        before.Diff(await ReadAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = SchemaDifferenceKind.Missing, ObjectKind = SchemaObjectKind.MaterializedView, Name = "order_totals" });
    }

    [Test]
    public async Task Diff_EnumDomainAndSequenceChanges_AreTypedDifferences()
    {
        var before = await ReadAsync();
        await Database.ExecuteAsync("""
            ALTER TYPE order_status ADD VALUE 'refunded';
            DROP TYPE audit.level;
            ALTER DOMAIN amount SET DEFAULT 1;
            ALTER DOMAIN email DROP NOT NULL;
            ALTER SEQUENCE invoice_number INCREMENT BY 5 OWNED BY NONE;
            CREATE SEQUENCE audit.other_counter;
            """);

        var differences = before.Diff(await ReadAsync());

        differences.Should().BeEquivalentTo(
        [
            new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.EnumType, null, "order_status", "('new', 'paid', 'returned', 'shipped')", "('new', 'paid', 'returned', 'shipped', 'refunded')"),
            new SchemaDifference(SchemaDifferenceKind.Missing, SchemaObjectKind.EnumType, null, "audit.level", "('info', 'warn')", null),
            new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.Domain, null, "amount", "NUMERIC(12,2) DEFAULT 0 CONSTRAINT amount_not_negative CHECK (VALUE >= 0::numeric)", "NUMERIC(12,2) DEFAULT 1 CONSTRAINT amount_not_negative CHECK (VALUE >= 0::numeric)"),
            new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.Domain, null, "email", "TEXT COLLATE C NOT NULL CONSTRAINT email_check CHECK (VALUE ~ '^[^@]+@[^@]+$'::text)", "TEXT COLLATE C CONSTRAINT email_check CHECK (VALUE ~ '^[^@]+@[^@]+$'::text)"),
            new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.Sequence, null, "invoice_number", "integer start 1000 increment 10 min 1000 max 999999 cache 5 cycle owned by orders.invoice", "integer start 1000 increment 5 min 1000 max 999999 cache 5 cycle"),
            new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.Sequence, null, "audit.other_counter", null, "bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1"),
        ]);
        differences.Select(d => d.ToString()).Should().Contain("enum type audit.level is missing").And.Contain("sequence audit.other_counter is unexpected");
    }

    [Test]
    public async Task Diff_SameSchemaReadTwice_HasNoDifferences()
    {
        var first = await ReadAsync();

        first.Diff(await ReadAsync()).Should().BeEmpty();
    }

    private async Task<DatabaseSchema> ReadAsync()
    {
        await using var provider = Database.Provider();
        return await Database.ReadSchemaAsync(provider);
    }
}
