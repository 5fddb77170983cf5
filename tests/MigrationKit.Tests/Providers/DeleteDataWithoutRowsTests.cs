using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.Providers;

/// <summary>
/// Regression: an <c>InsertData</c> with no rows writes no SQL, but its derived Down (a delete of no rows) wrote
/// <c>DELETE FROM "t" WHERE </c>, a syntax error, so the migration could be applied but never reverted.
/// </summary>
public class DeleteDataWithoutRowsTests
{
    private readonly TestSqlGenerator _generator = new();

    [Test]
    public void Generate_DeleteDataWithoutKeyValues_WritesNothing()
    {
        var m = new MigrationBuilder();
        m.DeleteData("statuses", "id");

        _generator.Generate(m.Operations.Single()).Should().BeEmpty();
    }

    [Test]
    public void Generate_InverseOfInsertWithoutRows_WritesNothing()
    {
        var m = new MigrationBuilder();
        m.InsertData("statuses", ["id", "name"]);

        _generator.Generate(m.Operations.Single().Invert()!).Should().BeEmpty();
    }

    [Test]
    public void Generate_DeleteDataWithOneKeyValue_StillDeletes()
    {
        var m = new MigrationBuilder();
        m.DeleteData("statuses", "id", 1);

        _generator.Generate(m.Operations.Single()).Should().Equal("DELETE FROM \"statuses\" WHERE (\"id\" = 1)");
    }
}
