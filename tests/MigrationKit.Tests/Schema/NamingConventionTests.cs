using MigrationKit.Operations;

namespace MigrationKit.Tests.Schema;

public class NamingConventionTests
{
    [Test]
    public void PrimaryKey_Default_IsPkTable()
    {
        NamingConvention.Default.PrimaryKey("agents").Should().Be("pk_agents");
    }

    [Test]
    public void ForeignKey_Default_IsFkTableColumnsPrincipal()
    {
        NamingConvention.Default.ForeignKey("tasks", ["agent_id"], "agents").Should().Be("fk_tasks_agent_id_agents");
    }

    [Test]
    public void ForeignKey_SeveralColumns_JoinsThemWithUnderscores()
    {
        NamingConvention.Default.ForeignKey("lines", ["order_id", "order_year"], "orders").Should().Be("fk_lines_order_id_order_year_orders");
    }

    [Test]
    public void Index_Default_IsIxTableColumns()
    {
        NamingConvention.Default.Index("tasks", ["agent_id", "created_at"]).Should().Be("ix_tasks_agent_id_created_at");
    }

    [Test]
    public void UniqueConstraint_Default_IsUqTableColumns()
    {
        NamingConvention.Default.UniqueConstraint("agents", ["tenant", "name"]).Should().Be("uq_agents_tenant_name");
    }

    [Test]
    public void CheckConstraint_Default_IsCkTableName()
    {
        NamingConvention.Default.CheckConstraint("orders", "positive_total").Should().Be("ck_orders_positive_total");
    }

    [Test]
    public void DerivedConvention_OverridingIndex_IsUsedForIndexesOnly()
    {
        var m = new MigrationBuilder(new IndexSuffixConvention());

        m.CreateIndex("tasks", "agent_id");
        m.CreateTable("agents", t => t.Column("id").AsInt64().PrimaryKey());

        m.Operations.OfType<CreateIndexOperation>().Single().Index.Name.Should().Be("tasks_agent_id_idx");
        m.Operations.OfType<CreateTableOperation>().Single().PrimaryKey!.Name.Should().Be("pk_agents");
    }

    [Test]
    public void DerivedConvention_OverridingPrimaryKey_IsUsedByCreateTableAddAndDrop()
    {
        var m = new MigrationBuilder(new PkeyConvention());

        m.CreateTable("agents", t => t.Column("id").AsInt64().PrimaryKey());
        m.AddPrimaryKey("tasks", "id");
        m.DropPrimaryKey("tasks");

        m.Operations.OfType<CreateTableOperation>().Single().PrimaryKey!.Name.Should().Be("agents_pkey");
        m.Operations.OfType<AddPrimaryKeyOperation>().Single().PrimaryKey.Name.Should().Be("tasks_pkey");
        m.Operations.OfType<DropPrimaryKeyOperation>().Single().Name.Should().Be("tasks_pkey");
    }

    [Test]
    public void DerivedConvention_InDerivedDown_IsUsedForTheReplayedUp()
    {
        var migration = new IndexMigration();
        var down = new MigrationBuilder(new IndexSuffixConvention());

        migration.Down(down);

        down.Operations.Should().Equal(new DropIndexOperation(new QualifiedName("tasks"), "tasks_agent_id_idx"));
    }

    private sealed class IndexSuffixConvention : NamingConvention
    {
        public override string Index(string table, IReadOnlyList<string> columns) => $"{table}_{string.Join('_', columns)}_idx";
    }

    private sealed class PkeyConvention : NamingConvention
    {
        public override string PrimaryKey(string table) => $"{table}_pkey";
    }

    [Migration(1, "index")]
    private sealed class IndexMigration : Migration
    {
        public override void Up(MigrationBuilder migration) => migration.CreateIndex("tasks", "agent_id");
    }
}
