namespace MigrationKit.Sqlite.Tests.Providers;

public sealed class SqliteSqlParserTests
{
    [Test]
    public void Tokenize_QuotesCommentsAndNumbers_YieldsUnquotedValuesAndPositions()
    {
        const string Sql = "a \"b\"\"c\" [d e] `f``g` 'h''i' X'0A' 1.5e+3 -- comment ,\n/* block ( */ (";

        var tokens = SqliteSqlParser.Tokenize(Sql);

        tokens.Select(t => (t.Kind, t.Value)).Should().Equal(
            (SqlTokenKind.Word, "a"),
            (SqlTokenKind.QuotedName, "b\"c"),
            (SqlTokenKind.QuotedName, "d e"),
            (SqlTokenKind.QuotedName, "f`g"),
            (SqlTokenKind.String, "h'i"),
            (SqlTokenKind.Blob, "0A"),
            (SqlTokenKind.Number, "1.5e+3"),
            (SqlTokenKind.Symbol, "("));
        Sql[tokens[1].Start..tokens[1].End].Should().Be("\"b\"\"c\"");
        Sql[tokens[5].Start..tokens[5].End].Should().Be("X'0A'");
    }

    [Test]
    public void ParseTable_SeparatorsInsideQuotesCommentsAndParentheses_SplitsOnlyAtTopLevelCommas()
    {
        const string Sql = """
            CREATE TABLE t ( -- a comment, with a comma and a (
                "a,b" TEXT DEFAULT 'x,(y' /* c, d */,
                [c d] INT CHECK ("a,b" <> ')') DEFAULT (max(1, 2)),
                CONSTRAINT "k""q" UNIQUE ("a,b", [c d]),
                FOREIGN KEY ([c d]) REFERENCES "other, table" (id)
            )
            """;

        var definition = SqliteSqlParser.ParseTable(Sql);

        definition.Defaults.Should().BeEquivalentTo(new Dictionary<string, string> { ["a,b"] = "'x,(y'", ["c d"] = "(max(1, 2))" });
        definition.CheckConstraints.Should().BeEquivalentTo([new SqliteParsedConstraint(null, [], Expression: "\"a,b\" <> ')'")]);
        definition.UniqueConstraints.Should().BeEquivalentTo([new SqliteParsedConstraint("k\"q", ["a,b", "c d"])]);
        definition.ForeignKeys.Should().BeEquivalentTo([new SqliteParsedConstraint(null, ["c d"], "other, table")]);
        definition.PrimaryKeyName.Should().BeNull();
    }

    [Test]
    public void ParseIndex_PartialIndex_ReturnsItemsAndPredicate()
    {
        var (items, filter) = SqliteSqlParser.ParseIndex("CREATE UNIQUE INDEX \"i\" ON \"t\" (\"a\", lower(b) COLLATE NOCASE) WHERE a > 0 AND b <> ')'");

        items.Should().Equal("\"a\"", "lower(b) COLLATE NOCASE");
        filter.Should().Be("a > 0 AND b <> ')'");
    }

    [TestCase("qty > 0", "qty", true)]
    [TestCase("\"QTY\" > 0", "qty", true)]
    [TestCase("t.[qty] > 0", "qty", true)]
    [TestCase("'qty' = name", "qty", false)]
    [TestCase("qty2 > 0", "qty", false)]
    public void Mentions_Expression_FindsIdentifierOutsideStrings(string sql, string name, bool mentioned)
    {
        SqliteSqlParser.Mentions(sql, name).Should().Be(mentioned);
    }
}
