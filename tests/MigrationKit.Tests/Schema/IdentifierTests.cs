namespace MigrationKit.Tests.Schema;

/// <summary>Identifiers are checked where a migration declares them, so that the mistake names the parameter.</summary>
public class IdentifierTests
{
    private static IEnumerable<TestCaseData> Declarations(string bad)
    {
        TestCaseData Case(string name, Action<MigrationBuilder> declare, string parameter) =>
            new TestCaseData(declare, parameter).SetArgDisplayNames(name);

        yield return Case("CreateTable name", m => m.CreateTable(bad, t => t.Column("id").AsInt64()), "table");
        yield return Case("Column name", m => m.CreateTable("t", t => t.Column(bad).AsInt64()), "name");
        yield return Case("PrimaryKey column", m => m.CreateTable("t", t => t.PrimaryKey(bad)), "columns");
        yield return Case("Unique column", m => m.CreateTable("t", t => t.Unique("id", bad)), "columns");
        yield return Case("Check name", m => m.CreateTable("t", t => t.Check(bad, "1 = 1")), "name");
        yield return Case("ForeignKey principal", m => m.CreateTable("t", t => t.ForeignKey(["a"], bad, ["id"])), "principalTable");
        yield return Case("References table", m => m.CreateTable("t", t => t.Column("a").AsInt64().References(bad)), "table");
        yield return Case("References column", m => m.CreateTable("t", t => t.Column("a").AsInt64().References("p", bad)), "column");
        yield return Case("References schema", m => m.CreateTable("t", t => t.Column("a").AsInt64().References("p", schema: bad)), "schema");
        yield return Case("InSchema", m => m.InSchema(bad), "schema");
        yield return Case("CreateSchema", m => m.CreateSchema(bad), "name");
        yield return Case("DropTable", m => m.DropTable(bad), "table");
        yield return Case("RenameTable new name", m => m.RenameTable("t", bad), "newName");
        yield return Case("AddColumn column", m => m.AddColumn("t", bad, c => c.AsInt64()), "column");
        yield return Case("DropColumn column", m => m.DropColumn("t", bad), "column");
        yield return Case("RenameColumn new name", m => m.RenameColumn("t", "a", bad), "newName");
        yield return Case("AlterColumn column", m => m.AlterColumn("t", bad, c => c.AsInt64()), "column");
        yield return Case("CreateIndex column", m => m.CreateIndex("t", bad), "columns");
        yield return Case("DropIndex name", m => m.DropIndex("t", bad), "name");
        yield return Case("DropPrimaryKey name", m => m.DropPrimaryKey("t", bad), "name");
        yield return Case("AddForeignKey principal column", m => m.AddForeignKey("t", ["a"], "p", [bad]), "principalColumns");
        yield return Case("DropForeignKey name", m => m.DropForeignKey("t", bad), "name");
        yield return Case("InsertData column", m => m.InsertData("t", [bad], [1]), "columns");
        yield return Case("UpdateData key column", m => m.UpdateData("t", bad, 1, "a", 2), "keyColumn");
        yield return Case("DeleteData key column", m => m.DeleteData("t", bad, 1), "keyColumn");
    }

    private static IEnumerable<TestCaseData> EmptyDeclarations() => Declarations(string.Empty);

    private static IEnumerable<TestCaseData> WhitespaceDeclarations() => Declarations(" \t ");

    private static IEnumerable<TestCaseData> NulDeclarations() => Declarations("bad\0name");

    [TestCaseSource(nameof(EmptyDeclarations))]
    public void Declare_EmptyIdentifier_ThrowsNamingParameter(Action<MigrationBuilder> declare, string parameter)
    {
        var act = () => declare(new MigrationBuilder());

        act.Should().Throw<ArgumentException>().WithMessage("*empty*").Which.ParamName.Should().Be(parameter);
    }

    [TestCaseSource(nameof(WhitespaceDeclarations))]
    public void Declare_WhitespaceIdentifier_ThrowsNamingParameter(Action<MigrationBuilder> declare, string parameter)
    {
        var act = () => declare(new MigrationBuilder());

        act.Should().Throw<ArgumentException>().WithMessage("*whitespace*").Which.ParamName.Should().Be(parameter);
    }

    [TestCaseSource(nameof(NulDeclarations))]
    public void Declare_IdentifierWithNul_ThrowsShowingNameAndFix(Action<MigrationBuilder> declare, string parameter)
    {
        var act = () => declare(new MigrationBuilder());

        act.Should().Throw<ArgumentException>()
            .WithMessage(@"The identifier 'bad\0name' contains a NUL character, which no database accepts in a name. Remove it.*")
            .Which.ParamName.Should().Be(parameter);
    }

    [Test]
    public void Declare_NullIdentifier_ThrowsArgumentNullException()
    {
        var act = () => new MigrationBuilder().DropTable(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("table");
    }

    [Test]
    public void Declare_NoColumns_ThrowsNamingParameter()
    {
        var act = () => new MigrationBuilder().AddUniqueConstraint("t");

        act.Should().Throw<ArgumentException>().WithMessage("No column was given for the unique constraint added to table 't'*Name the column(s)*").Which.ParamName.Should().Be("columns");
    }
}
