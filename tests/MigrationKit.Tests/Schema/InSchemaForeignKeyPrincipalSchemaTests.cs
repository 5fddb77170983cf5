using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.Schema;

/// <summary>
/// Regression: in a builder scoped with <c>InSchema("sales")</c>, a foreign key declared in <c>CreateTable</c> or on an
/// added column referenced an unqualified table (the provider's default schema), while <c>AddForeignKey</c> referenced
/// the builder's schema. The generated SQL then pointed at the wrong table, and replay lost track of the key when the
/// referenced table was renamed.
/// </summary>
public class InSchemaForeignKeyPrincipalSchemaTests
{
    [Test]
    public void CreateTable_ColumnReferencesInSchema_ReferencesSameSchema()
    {
        var m = new MigrationBuilder();

        m.InSchema("sales").CreateTable("orders", t => t.Column("customer_id").AsInt64().References("customers"));

        m.Operations.OfType<CreateTableOperation>().Single().ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("customers", "sales"));
    }

    [Test]
    public void CreateTable_ForeignKeyInSchema_ReferencesSameSchema()
    {
        var m = new MigrationBuilder();

        m.InSchema("sales").CreateTable("orders", t =>
        {
            t.Column("customer_id").AsInt64();
            t.ForeignKey(["customer_id"], "customers", ["id"]);
        });

        m.Operations.OfType<CreateTableOperation>().Single().ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("customers", "sales"));
    }

    [Test]
    public void AddColumn_ReferencesInSchema_ReferencesSameSchema()
    {
        var m = new MigrationBuilder();

        m.InSchema("sales").AddColumn("orders", "customer_id", c => c.AsInt64().References("customers"));

        m.Operations.OfType<AddForeignKeyOperation>().Single().ForeignKey.PrincipalTable.Should().Be(new QualifiedName("customers", "sales"));
    }

    [Test]
    public void CreateTable_ReferencesExplicitSchema_KeepsIt()
    {
        var m = new MigrationBuilder();

        m.InSchema("sales").CreateTable("orders", t =>
        {
            t.Column("customer_id").AsInt64().References("customers", schema: "crm");
            t.Column("region_id").AsInt64();
            t.ForeignKey(["region_id"], "regions", ["id"], principalSchema: "geo");
        });

        m.Operations.OfType<CreateTableOperation>().Single().ForeignKeys.Select(f => f.PrincipalTable)
            .Should().Equal(new QualifiedName("customers", "crm"), new QualifiedName("regions", "geo"));
    }

    [Test]
    public void CreateTable_ReferencesWithoutInSchema_StaysUnqualified()
    {
        var m = new MigrationBuilder();

        m.CreateTable("orders", t => t.Column("customer_id").AsInt64().References("customers"));

        m.Operations.OfType<CreateTableOperation>().Single().ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("customers"));
    }

    [Test]
    public void Generate_ColumnReferencesInSchema_QualifiesReferencedTable()
    {
        var m = new MigrationBuilder();
        m.InSchema("sales").CreateTable("orders", t => t.Column("customer_id").AsInt64().References("customers"));

        var sql = new TestSqlGenerator().Generate(m.Operations.Single()).Single();

        sql.Should().Contain("REFERENCES \"sales\".\"customers\" (\"id\")");
    }

    [Test]
    public void Apply_RenameReferencedTableInSchema_ForeignKeyFollows()
    {
        var m = new MigrationBuilder();
        var sales = m.InSchema("sales");
        sales.CreateTable("customers", t => t.Column("id").AsInt64().PrimaryKey());
        sales.CreateTable("orders", t => t.Column("customer_id").AsInt64().References("customers"));
        sales.RenameTable("customers", "clients");
        var generator = new TestSqlGenerator();

        var schema = m.Operations.Aggregate(DatabaseSchema.Empty, generator.Apply);

        schema.FindTable(new QualifiedName("orders", "sales"))!.ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("clients", "sales"));
    }
}
