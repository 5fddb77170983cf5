using MigrationKit.Operations;

namespace MigrationKit.Tests.Schema;

public class IndexBuilderTests
{
    private static IndexDefinition Index(Action<IndexBuilder> refine)
    {
        var m = new MigrationBuilder();
        refine(m.CreateIndex("tasks", "agent_id"));
        return m.Operations.OfType<CreateIndexOperation>().Single().Index;
    }

    [Test]
    public void CreateIndex_NotRefined_IsPlainAndConventionallyNamed()
    {
        var index = Index(_ => { });

        index.Name.Should().Be("ix_tasks_agent_id");
        index.Columns.Should().Equal("agent_id");
        index.IsUnique.Should().BeFalse();
        index.Filter.Should().BeNull();
    }

    [Test]
    public void Unique_Called_IndexIsUnique()
    {
        Index(i => i.Unique()).IsUnique.Should().BeTrue();
    }

    [Test]
    public void Where_Predicate_IndexIsFiltered()
    {
        Index(i => i.Where("deleted_at IS NULL")).Filter.Should().Be("deleted_at IS NULL");
    }

    [Test]
    public void Named_Name_OverridesConvention()
    {
        Index(i => i.Named("tasks_by_agent")).Name.Should().Be("tasks_by_agent");
    }

    [Test]
    public void Refinements_Chained_AllApply()
    {
        var index = Index(i => i.Unique().Where("active").Named("one_active_task"));

        index.Should().BeEquivalentTo(new IndexDefinition("one_active_task", ["agent_id"]) { IsUnique = true, Filter = "active" });
    }

    [Test]
    public void Refinements_AfterLaterOperations_StillApplyAndOrderIsKept()
    {
        var m = new MigrationBuilder();
        var index = m.CreateIndex("tasks", "agent_id");
        m.DropTable("old");

        index.Unique();

        m.Operations[0].Should().BeOfType<CreateIndexOperation>().Which.Index.IsUnique.Should().BeTrue();
        m.Operations[1].Should().BeOfType<DropTableOperation>();
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Where_EmptyPredicate_Throws(string predicate)
    {
        var m = new MigrationBuilder();
        var index = m.CreateIndex("tasks", "agent_id");

        var act = () => index.Where(predicate);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("predicate");
    }

    [Test]
    public void Named_NulInName_Throws()
    {
        var m = new MigrationBuilder();
        var index = m.CreateIndex("tasks", "agent_id");

        var act = () => index.Named("ix\0");

        act.Should().Throw<ArgumentException>().WithMessage("*NUL*").Which.ParamName.Should().Be("name");
    }
}
