using MigrationKit.Operations;

namespace MigrationKit.Tests.Schema;

public class RawSqlBuilderTests
{
    [Test]
    public void For_SameProviderTwice_LastVariantWins()
    {
        var m = new MigrationBuilder();

        m.Sql("SELECT 1").For("postgresql", "SELECT 2").For("POSTGRESQL", "SELECT 3");

        var operation = m.Operations.OfType<SqlOperation>().Single();
        operation.ProviderSql.Should().ContainSingle();
        operation.SqlFor("postgresql").Should().Be("SELECT 3");
    }

    [Test]
    public void For_AfterOperationsWereRead_AppearsOnNextRead()
    {
        var m = new MigrationBuilder();
        var sql = m.Sql("SELECT 1");
        var before = m.Operations.OfType<SqlOperation>().Single();

        sql.For("sqlite", "SELECT 2");

        before.ProviderSql.Should().BeEmpty();
        m.Operations.OfType<SqlOperation>().Single().SqlFor("sqlite").Should().Be("SELECT 2");
    }

    [TestCase("", "SELECT 1", "providerName")]
    [TestCase(" ", "SELECT 1", "providerName")]
    [TestCase("postgresql", "", "sql")]
    [TestCase("postgresql", "\n", "sql")]
    public void For_EmptyArgument_Throws(string providerName, string sql, string parameter)
    {
        var builder = new MigrationBuilder().Sql("SELECT 1");

        var act = () => builder.For(providerName, sql);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(parameter);
    }

    [Test]
    public void Describe_LongMultiLineSql_ShowsFirstLineTruncated()
    {
        var operation = new SqlOperation("  " + new string('x', 70) + "\nSECOND LINE");

        operation.Describe().Should().Be($"sql \"{new string('x', 60)}…\"");
    }
}
