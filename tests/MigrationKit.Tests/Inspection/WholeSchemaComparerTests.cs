using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Tests.Inspection;

/// <summary>The comparer on the object kinds beside tables and views: partitions, materialized views, enums, domains, sequences.</summary>
public class WholeSchemaComparerTests
{
    private static readonly QualifiedName Orders = new("orders");

    private static DatabaseSchema Schema() => new([new TableSchema(Orders, [new ColumnSchema("placed_on", "date")])])
    {
        PartitionedTables = [new PartitionedTableSchema(Orders, "RANGE (placed_on)") { Partitions = [new PartitionSchema(new("orders_2025"), "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")] }],
        MaterializedViews = [new MaterializedViewSchema(new("totals"), "SELECT count(*) FROM orders") { Indexes = [new IndexDefinition("ix_totals", ["count"])] }],
        EnumTypes = [new EnumTypeSchema(new("status"), ["new", "paid"])],
        Domains = [new DomainSchema(new("amount"), "numeric(12,2)") { IsNullable = false, CheckConstraints = [new CheckConstraintDefinition("amount_check", "VALUE >= 0")] }],
        Sequences = [new SequenceSchema(new("invoice"), "integer") { OwnedByTable = Orders, OwnedByColumn = "invoice" }],
    };

    [Test]
    public void Diff_EqualSchemas_HasNoDifferences() => Schema().Diff(Schema()).Should().BeEmpty();

    [Test]
    public void Diff_EachKindChanged_OneTypedDifferenceEach()
    {
        var actual = Schema() with
        {
            PartitionedTables = [new PartitionedTableSchema(Orders, "LIST (placed_on)") { Partitions = [new PartitionSchema(new("orders_2025"), "DEFAULT")] }],
            MaterializedViews = [new MaterializedViewSchema(new("totals"), "SELECT count(*) FROM orders") { Indexes = [new IndexDefinition("ix_totals", ["count"]) { IsUnique = true }] }],
            EnumTypes = [new EnumTypeSchema(new("status"), ["paid", "new"])],
            Domains = [new DomainSchema(new("amount"), "numeric(12,2)") { CheckConstraints = [new CheckConstraintDefinition("amount_check", "VALUE >= 0")] }],
            Sequences = [new SequenceSchema(new("invoice"), "integer")],
        };

        var differences = Schema().Diff(actual);

        differences.Select(d => (d.Kind, d.ObjectKind, d.Name)).Should().Equal(
            (SchemaDifferenceKind.Changed, SchemaObjectKind.PartitionedTable, "orders"),
            (SchemaDifferenceKind.Changed, SchemaObjectKind.Partition, "orders_2025"),
            (SchemaDifferenceKind.Changed, SchemaObjectKind.MaterializedViewIndex, "ix_totals"),
            (SchemaDifferenceKind.Changed, SchemaObjectKind.EnumType, "status"),
            (SchemaDifferenceKind.Changed, SchemaObjectKind.Domain, "amount"),
            (SchemaDifferenceKind.Changed, SchemaObjectKind.Sequence, "invoice"));
        differences.Select(d => d.ToString()).Should().Equal(
            "partition key of table orders is LIST (placed_on), expected RANGE (placed_on)",
            "table orders: partition orders_2025 is DEFAULT, expected FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            "materialized view totals: index ix_totals is unique (count), expected (count)",
            "enum type status is ('paid', 'new'), expected ('new', 'paid')",
            "domain amount is NUMERIC(12,2) CONSTRAINT amount_check CHECK (VALUE >= 0), expected NUMERIC(12,2) NOT NULL CONSTRAINT amount_check CHECK (VALUE >= 0)",
            "sequence invoice is integer start 1 increment 1 min 1 max 9223372036854775807 cache 1, expected integer start 1 increment 1 min 1 max 9223372036854775807 cache 1 owned by orders.invoice");
    }

    [Test]
    public void Without_HistoryTables_LeavesOutTheSequencesTheyOwn()
    {
        var schema = Schema() with { Sequences = [.. Schema().Sequences, new SequenceSchema(new("history_seq"), "bigint") { OwnedByTable = new("__history"), OwnedByColumn = "id" }] };

        schema.Without([new QualifiedName("__history")]).Sequences.Select(s => s.Name.Name).Should().Equal("invoice");
    }
}
