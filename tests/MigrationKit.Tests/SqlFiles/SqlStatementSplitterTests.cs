using MigrationKit.SqlFiles;

namespace MigrationKit.Tests.SqlFiles;

public class SqlStatementSplitterTests
{
    [Test]
    public void Split_Statements_AtTopLevelSemicolons()
    {
        SqlStatementSplitter.Split("CREATE TABLE a (id int);\n\nINSERT INTO a VALUES (1) ;\nVACUUM")
            .Should().Equal("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)", "VACUUM");
    }

    [Test]
    public void Split_SemicolonsInStringsIdentifiersAndComments_AreKept()
    {
        var sql = "INSERT INTO \"a;b\" VALUES ('x;y', 'it''s;');\n-- a comment; with a semicolon\nSELECT 1 /* a; /* nested; */ block */;\nSELECT `c;d`;";

        SqlStatementSplitter.Split(sql).Should().Equal(
            "INSERT INTO \"a;b\" VALUES ('x;y', 'it''s;')",
            "-- a comment; with a semicolon\nSELECT 1 /* a; /* nested; */ block */",
            "SELECT `c;d`");
    }

    [Test]
    public void Split_DollarQuotedBodies_AreKeptWhole()
    {
        var sql = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nDO $body$ BEGIN PERFORM 1; END $body$;\nPREPARE p AS SELECT $1;";

        SqlStatementSplitter.Split(sql).Should().Equal(
            "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql",
            "DO $body$ BEGIN PERFORM 1; END $body$",
            "PREPARE p AS SELECT $1");
    }

    [TestCase("")]
    [TestCase("  \r\n\t")]
    [TestCase("\uFEFF-- only a comment\n")]
    [TestCase("/* a block */ ; ; -- and a line")]
    public void Split_NothingButWhitespaceAndComments_HasNoStatement(string sql)
    {
        SqlStatementSplitter.Split(sql).Should().BeEmpty();
    }
}
