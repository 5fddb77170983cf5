namespace MigrationKit.PostgreSql.Tests.RawSql;

/// <summary>pg_dump's <c>\restrict</c> / <c>\unrestrict</c> lines are skipped as psql skips them; other meta-commands are refused by line.</summary>
public sealed class PsqlMetaCommandsTests
{
    [Test]
    public void Prepare_RestrictAndUnrestrictLines_BecomeEmptyLinesAndTheRestIsUnchanged()
    {
        const string Dump = "--\n-- PostgreSQL database dump\n--\n\n\\restrict Abc123\n\nSET statement_timeout = 0;\nCREATE TABLE t (id int);\n\n\\unrestrict Abc123\n";

        var sql = PsqlMetaCommands.Prepare(Dump);

        sql.Should().Be("--\n-- PostgreSQL database dump\n--\n\n\n\nSET statement_timeout = 0;\nCREATE TABLE t (id int);\n\n\n");
        sql.Split('\n').Should().HaveCount(Dump.Split('\n').Length, "the server's line numbers stay those of the file");
    }

    [Test]
    public void Prepare_NoBackslash_ReturnsTheSameText()
    {
        const string Sql = "CREATE TABLE t (id int);";

        PsqlMetaCommands.Prepare(Sql).Should().BeSameAs(Sql);
    }

    [TestCase("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $body$\n\\connect inside a body\n$body$;", TestName = "Prepare_BackslashLineInDollarQuotedBody_IsSql")]
    [TestCase("SELECT 'first\n\\set inside a literal';", TestName = "Prepare_BackslashLineInStringLiteral_IsSql")]
    [TestCase("SELECT E'it''s\\\n\\copy inside an escape string';", TestName = "Prepare_BackslashLineInEscapeString_IsSql")]
    [TestCase("/* a comment /* nested */\n\\i inside it */ SELECT 1;", TestName = "Prepare_BackslashLineInBlockComment_IsSql")]
    [TestCase("SELECT \"odd\n\\name\" FROM t;", TestName = "Prepare_BackslashLineInQuotedIdentifier_IsSql")]
    public void Prepare_BackslashLineInsideSql_IsLeftAlone(string sql)
    {
        PsqlMetaCommands.Prepare(sql).Should().Be(sql);
    }

    [TestCase("CREATE TABLE a (id int);\n\n\\connect other_db user=admin password=secret\nCREATE TABLE b (id int);", 3, "\\connect")]
    [TestCase("COPY t (id) FROM stdin;\n1\n2\n\\.\n", 4, "\\.")]
    [TestCase("  \\set ON_ERROR_STOP on\nSELECT 1;", 1, "\\set")]
    [TestCase("SELECT $1;\nSELECT $$ a $$;\n\\i other.sql", 3, "\\i")]
    public void Prepare_OtherMetaCommand_IsRefusedNamingTheLineAndTheRemedy(string sql, int line, string command)
    {
        var act = () => PsqlMetaCommands.Prepare(sql);

        var error = act.Should().Throw<PsqlMetaCommandException>().Which;
        error.LineNumber.Should().Be(line);
        error.Command.Should().Be(command);
        error.Should().BeAssignableTo<MigrationKitException>();
        error.Message.Should().Contain($"Line {line} ").And.Contain(command).And.Contain("Remove that line").And.NotContain("secret");
    }
}
