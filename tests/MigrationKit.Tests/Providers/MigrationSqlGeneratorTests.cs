using System.Globalization;
using MigrationKit.Operations;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.Providers;

/// <summary>The standard SQL that <see cref="MigrationKit.Providers.MigrationSqlGenerator"/> writes by default.</summary>
public class MigrationSqlGeneratorTests
{
    private readonly TestSqlGenerator _generator = new();

    private IReadOnlyList<string> Generate(Action<MigrationBuilder> declare)
    {
        var m = new MigrationBuilder();
        declare(m);
        return m.Operations.SelectMany(_generator.Generate).ToArray();
    }

    [Test]
    public void Constructor_EmptyProviderName_Throws()
    {
        var act = () => new TestSqlGenerator(" ");

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("providerName");
    }

    [Test]
    public void ProviderName_Given_IsKept()
    {
        new TestSqlGenerator("postgresql").ProviderName.Should().Be("postgresql");
    }

    [TestCase("users", "\"users\"")]
    [TestCase("user\"s", "\"user\"\"s\"")]
    [TestCase("\"", "\"\"\"\"")]
    [TestCase("Mixed Case", "\"Mixed Case\"")]
    public void QuoteIdentifier_Name_QuotedWithEmbeddedQuotesDoubled(string identifier, string expected)
    {
        _generator.QuoteIdentifier(identifier).Should().Be(expected);
    }

    [Test]
    public void Quote_Unqualified_QuotesName()
    {
        _generator.Quote(new QualifiedName("users")).Should().Be("\"users\"");
    }

    [Test]
    public void Quote_Qualified_QuotesSchemaAndName()
    {
        _generator.Quote(new QualifiedName("us\"ers", "app")).Should().Be("\"app\".\"us\"\"ers\"");
    }

    private static IEnumerable<TestCaseData> Literals()
    {
        TestCaseData Case(object? value, string expected, string name) => new TestCaseData(value, expected).SetArgDisplayNames(name);

        yield return Case(null, "NULL", "null");
        yield return Case("idle", "'idle'", "string");
        yield return Case("O'Brien's", "'O''Brien''s'", "string with quotes");
        yield return Case(string.Empty, "''", "empty string");
        yield return Case('x', "'x'", "char");
        yield return Case('\'', "''''", "quote char");
        yield return Case(true, "TRUE", "true");
        yield return Case(false, "FALSE", "false");
        yield return Case(new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), "'0f8fad5b-d9cb-469f-a165-70867728950e'", "guid");
        yield return Case(new DateTime(2026, 11, 22, 9, 30, 15), "'2026-11-22 09:30:15'", "datetime");
        yield return Case(new DateTime(2026, 11, 22, 9, 30, 15, 120), "'2026-11-22 09:30:15.12'", "datetime with milliseconds");
        yield return Case(new DateTimeOffset(2026, 11, 22, 9, 30, 15, TimeSpan.FromHours(2)), "'2026-11-22 09:30:15+02:00'", "datetimeoffset");
        yield return Case(new DateTimeOffset(2026, 11, 22, 9, 30, 15, 5, TimeSpan.FromHours(-5.5)), "'2026-11-22 09:30:15.005-05:30'", "datetimeoffset with milliseconds");
        yield return Case(new DateOnly(2026, 1, 2), "'2026-01-02'", "date");
        yield return Case(new TimeOnly(7, 8, 9), "'07:08:09'", "time");
        yield return Case(new byte[] { 0x00, 0x1F, 0xAB }, "'\\x001FAB'", "bytes");
        yield return Case(Array.Empty<byte>(), "'\\x'", "no bytes");
        yield return Case(1234567.891m, "1234567.891", "decimal");
        yield return Case(-0.50m, "-0.50", "negative decimal keeps scale");
        yield return Case(0.1, "0.1", "double");
        yield return Case(1.5e300, "1.5E+300", "large double");
        yield return Case(2.5f, "2.5", "float");
        yield return Case(42, "42", "int");
        yield return Case(-9_000_000_000L, "-9000000000", "long");
        yield return Case((short)-7, "-7", "short");
        yield return Case((byte)255, "255", "byte");
        yield return Case(ulong.MaxValue, "18446744073709551615", "ulong");
        yield return Case(ReferentialAction.Cascade, "2", "enum");
    }

    [TestCaseSource(nameof(Literals))]
    public void Literal_Value_WritesSqlLiteral(object? value, string expected)
    {
        _generator.Literal(value).Should().Be(expected);
    }

    [TestCaseSource(nameof(Literals))]
    [SetCulture("de-DE")]
    public void Literal_CultureWithCommaDecimalSeparator_WritesInvariantLiteral(object? value, string expected)
    {
        CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator.Should().Be(",");

        _generator.Literal(value).Should().Be(expected);
    }

    [Test]
    public void Literal_UnsupportedType_ThrowsNamingTypeAndAlternatives()
    {
        var act = () => _generator.Literal(new Uri("https://example.invalid"));

        act.Should().Throw<NotSupportedException>().WithMessage("A value of type Uri cannot be written as a SQL literal; use a string, number, boolean, Guid, date or byte array.");
    }

    [Test]
    public void DefaultSql_Constant_WritesLiteral()
    {
        _generator.DefaultSql(ColumnDefault.Constant("it's")).Should().Be("'it''s'");
    }

    [Test]
    public void DefaultSql_CurrentTimestamp_WritesCurrentTimestamp()
    {
        _generator.DefaultSql(ColumnDefault.Sql(SqlExpression.CurrentTimestamp)).Should().Be("CURRENT_TIMESTAMP");
    }

    [Test]
    public void DefaultSql_RawExpression_WritesItVerbatim()
    {
        _generator.DefaultSql(ColumnDefault.Sql(SqlExpression.Raw("gen_random_uuid()"))).Should().Be("gen_random_uuid()");
    }

    [Test]
    public void Generate_CreateSchema_CreatesIfNotExists()
    {
        Generate(m => m.CreateSchema("app")).Should().Equal("CREATE SCHEMA IF NOT EXISTS \"app\"");
    }

    [Test]
    public void Generate_DropSchema_DropsSchema()
    {
        Generate(m => m.DropSchema("app")).Should().Equal("DROP SCHEMA \"app\"");
    }

    [Test]
    public void Generate_CreateTable_WritesColumnsThenConstraints()
    {
        var sql = Generate(m => m.InSchema("app").CreateTable("tasks", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade, onUpdate: ReferentialAction.SetNull, schema: "ops");
            t.Column("status").AsString(20).Default("idle").Unique();
            t.Column("created_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
            t.Column("payload").AsJson().Nullable();
            t.Check("known_status", "status <> ''");
        }));

        sql.Should().Equal(
            "CREATE TABLE \"app\".\"tasks\" (\n" +
            "    \"id\" BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n" +
            "    \"agent_id\" BIGINT NOT NULL,\n" +
            "    \"status\" VARCHAR(20) NOT NULL DEFAULT 'idle',\n" +
            "    \"created_at\" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,\n" +
            "    \"payload\" JSON NULL,\n" +
            "    CONSTRAINT \"pk_tasks\" PRIMARY KEY (\"id\"),\n" +
            "    CONSTRAINT \"uq_tasks_status\" UNIQUE (\"status\"),\n" +
            "    CONSTRAINT \"fk_tasks_agent_id_agents\" FOREIGN KEY (\"agent_id\") REFERENCES \"ops\".\"agents\" (\"id\") ON DELETE CASCADE ON UPDATE SET NULL,\n" +
            "    CONSTRAINT \"ck_tasks_known_status\" CHECK (status <> '')\n" +
            ")");
    }

    [Test]
    public void Generate_CreateTableWithQuoteInNames_DoublesQuotes()
    {
        Generate(m => m.CreateTable("we\"ird", t => t.Column("co\"l").AsInt32()))
            .Should().Equal("CREATE TABLE \"we\"\"ird\" (\n    \"co\"\"l\" INTEGER NOT NULL\n)");
    }

    [Test]
    public void Generate_DropTable_DropsTable()
    {
        Generate(m => m.InSchema("app").DropTable("tasks")).Should().Equal("DROP TABLE \"app\".\"tasks\"");
    }

    [Test]
    public void Generate_RenameTable_RenamesToBareName()
    {
        Generate(m => m.InSchema("app").RenameTable("tasks", "jobs")).Should().Equal("ALTER TABLE \"app\".\"tasks\" RENAME TO \"jobs\"");
    }

    [Test]
    public void Generate_AddColumn_AddsColumnDefinition()
    {
        Generate(m => m.AddColumn("tasks", "priority", c => c.AsInt16().Default((short)3)))
            .Should().Equal("ALTER TABLE \"tasks\" ADD COLUMN \"priority\" SMALLINT NOT NULL DEFAULT 3");
    }

    [Test]
    public void Generate_AddColumnWithUniqueAndReference_AddsColumnThenConstraints()
    {
        Generate(m => m.AddColumn("tasks", "owner_id", c => c.AsInt64().Nullable().Unique().References("owners", onDelete: ReferentialAction.Restrict)))
            .Should().Equal(
                "ALTER TABLE \"tasks\" ADD COLUMN \"owner_id\" BIGINT NULL",
                "ALTER TABLE \"tasks\" ADD CONSTRAINT \"uq_tasks_owner_id\" UNIQUE (\"owner_id\")",
                "ALTER TABLE \"tasks\" ADD CONSTRAINT \"fk_tasks_owner_id_owners\" FOREIGN KEY (\"owner_id\") REFERENCES \"owners\" (\"id\") ON DELETE RESTRICT");
    }

    [Test]
    public void Generate_DropColumn_DropsColumn()
    {
        Generate(m => m.DropColumn("tasks", "note")).Should().Equal("ALTER TABLE \"tasks\" DROP COLUMN \"note\"");
    }

    [Test]
    public void Generate_RenameColumn_RenamesColumn()
    {
        Generate(m => m.RenameColumn("tasks", "note", "notes")).Should().Equal("ALTER TABLE \"tasks\" RENAME COLUMN \"note\" TO \"notes\"");
    }

    [Test]
    public void Generate_AlterColumn_SetsTypeNullabilityAndDefault()
    {
        Generate(m => m.AlterColumn("tasks", "note", to => to.AsString(500).Default("none")))
            .Should().Equal(
                "ALTER TABLE \"tasks\" ALTER COLUMN \"note\" TYPE VARCHAR(500)",
                "ALTER TABLE \"tasks\" ALTER COLUMN \"note\" SET NOT NULL",
                "ALTER TABLE \"tasks\" ALTER COLUMN \"note\" SET DEFAULT 'none'");
    }

    [Test]
    public void Generate_AlterColumnToNullableWithoutDefault_DropsNotNullAndDefault()
    {
        Generate(m => m.AlterColumn("tasks", "note", to => to.AsText().Nullable()))
            .Should().Equal(
                "ALTER TABLE \"tasks\" ALTER COLUMN \"note\" TYPE TEXT",
                "ALTER TABLE \"tasks\" ALTER COLUMN \"note\" DROP NOT NULL",
                "ALTER TABLE \"tasks\" ALTER COLUMN \"note\" DROP DEFAULT");
    }

    [Test]
    public void Generate_CreateIndex_CreatesIndex()
    {
        Generate(m => m.CreateIndex("tasks", "agent_id", "created_at"))
            .Should().Equal("CREATE INDEX \"ix_tasks_agent_id_created_at\" ON \"tasks\" (\"agent_id\", \"created_at\")");
    }

    [Test]
    public void Generate_CreateUniqueFilteredIndex_AddsUniqueAndWhere()
    {
        Generate(m => m.InSchema("app").CreateIndex("tasks", "agent_id").Unique().Where("done = FALSE").Named("one_open_task"))
            .Should().Equal("CREATE UNIQUE INDEX \"one_open_task\" ON \"app\".\"tasks\" (\"agent_id\") WHERE done = FALSE");
    }

    [Test]
    public void Generate_DropIndex_DropsIndexInTablesSchema()
    {
        Generate(m => m.InSchema("app").DropIndex("tasks", "ix_tasks_agent_id")).Should().Equal("DROP INDEX \"app\".\"ix_tasks_agent_id\"");
    }

    [Test]
    public void Generate_AddPrimaryKey_AddsNamedConstraint()
    {
        Generate(m => m.AddPrimaryKey("memberships", "user_id", "group_id"))
            .Should().Equal("ALTER TABLE \"memberships\" ADD CONSTRAINT \"pk_memberships\" PRIMARY KEY (\"user_id\", \"group_id\")");
    }

    [Test]
    public void Generate_AddUniqueConstraint_AddsNamedConstraint()
    {
        Generate(m => m.AddUniqueConstraint("users", "tenant", "email"))
            .Should().Equal("ALTER TABLE \"users\" ADD CONSTRAINT \"uq_users_tenant_email\" UNIQUE (\"tenant\", \"email\")");
    }

    [Test]
    public void Generate_AddForeignKeyWithDefaultActions_OmitsActions()
    {
        Generate(m => m.AddForeignKey("lines", ["order_id", "year"], "orders", ["id", "year"]))
            .Should().Equal("ALTER TABLE \"lines\" ADD CONSTRAINT \"fk_lines_order_id_year_orders\" FOREIGN KEY (\"order_id\", \"year\") REFERENCES \"orders\" (\"id\", \"year\")");
    }

    [TestCase(ReferentialAction.Restrict, "RESTRICT")]
    [TestCase(ReferentialAction.Cascade, "CASCADE")]
    [TestCase(ReferentialAction.SetNull, "SET NULL")]
    [TestCase(ReferentialAction.SetDefault, "SET DEFAULT")]
    public void Generate_AddForeignKeyWithActions_WritesThem(ReferentialAction action, string sql)
    {
        Generate(m => m.AddForeignKey("lines", ["order_id"], "orders", ["id"], onDelete: action, onUpdate: action))
            .Should().Equal($"ALTER TABLE \"lines\" ADD CONSTRAINT \"fk_lines_order_id_orders\" FOREIGN KEY (\"order_id\") REFERENCES \"orders\" (\"id\") ON DELETE {sql} ON UPDATE {sql}");
    }

    [Test]
    public void Generate_AddCheckConstraint_AddsNamedCheck()
    {
        Generate(m => m.AddCheckConstraint("orders", "positive", "total > 0"))
            .Should().Equal("ALTER TABLE \"orders\" ADD CONSTRAINT \"ck_orders_positive\" CHECK (total > 0)");
    }

    [Test]
    public void Generate_DropConstraints_DropsEachByName()
    {
        Generate(m =>
        {
            m.DropPrimaryKey("orders");
            m.DropUniqueConstraint("orders", "uq");
            m.DropForeignKey("orders", "fk");
            m.DropCheckConstraint("orders", "ck");
        }).Should().Equal(
            "ALTER TABLE \"orders\" DROP CONSTRAINT \"pk_orders\"",
            "ALTER TABLE \"orders\" DROP CONSTRAINT \"uq\"",
            "ALTER TABLE \"orders\" DROP CONSTRAINT \"fk\"",
            "ALTER TABLE \"orders\" DROP CONSTRAINT \"ck\"");
    }

    [Test]
    public void Generate_SqlWithoutVariant_WritesDefaultSql()
    {
        Generate(m => m.Sql("VACUUM").For("postgresql", "VACUUM ANALYZE")).Should().Equal("VACUUM");
    }

    [Test]
    public void Generate_SqlWithVariantForThisProvider_WritesVariant()
    {
        var m = new MigrationBuilder();
        m.Sql("VACUUM").For("postgresql", "VACUUM ANALYZE").For("sqlite", "VACUUM main");

        new TestSqlGenerator("postgresql").Generate(m.Operations.Single()).Should().Equal("VACUUM ANALYZE");
    }

    [Test]
    public void Generate_InsertData_WritesOneMultiRowInsert()
    {
        Generate(m => m.InsertData("statuses", ["id", "name", "note"], [1, "idle", null], [2, "it's busy", true]))
            .Should().Equal("INSERT INTO \"statuses\" (\"id\", \"name\", \"note\") VALUES\n    (1, 'idle', NULL),\n    (2, 'it''s busy', TRUE)");
    }

    [Test]
    public void Generate_InsertManyRows_SplitsIntoStatementsOf500Rows()
    {
        var rows = Enumerable.Range(1, 1201).Select(i => new object?[] { i }).ToArray();

        var sql = Generate(m => m.InsertData("numbers", ["n"], rows));

        sql.Should().HaveCount(3);
        sql.Select(s => s.Split("\n").Length - 1).Should().Equal(500, 500, 201);
        sql[1].Should().StartWith("INSERT INTO \"numbers\" (\"n\") VALUES\n    (501),");
        sql[2].Should().EndWith("(1201)");
    }

    [Test]
    public void Generate_InsertNoRows_WritesNothing()
    {
        Generate(m => m.InsertData("numbers", ["n"])).Should().BeEmpty();
    }

    [Test]
    public void Generate_UpdateData_SetsValuesWhereKeyMatches()
    {
        Generate(m => m.UpdateData("statuses", "id", 1, "name", "it's idle"))
            .Should().Equal("UPDATE \"statuses\" SET \"name\" = 'it''s idle' WHERE \"id\" = 1");
    }

    [Test]
    public void Generate_UpdateDataWithNullKey_ComparesWithIsNull()
    {
        Generate(m => m.UpdateData("statuses", "code", null, "name", null))
            .Should().Equal("UPDATE \"statuses\" SET \"name\" = NULL WHERE \"code\" IS NULL");
    }

    [Test]
    public void Generate_DeleteData_DeletesEachKey()
    {
        Generate(m => m.DeleteData("statuses", "id", 1, 2))
            .Should().Equal("DELETE FROM \"statuses\" WHERE (\"id\" = 1) OR (\"id\" = 2)");
    }

    [Test]
    public void Generate_InverseOfInsert_DeletesRowsMatchingEveryValue()
    {
        var m = new MigrationBuilder();
        m.InsertData("statuses", ["id", "name"], [1, "idle"], [2, null]);

        _generator.Generate(m.Operations.Single().Invert()!)
            .Should().Equal("DELETE FROM \"statuses\" WHERE (\"id\" = 1 AND \"name\" = 'idle') OR (\"id\" = 2 AND \"name\" IS NULL)");
    }

    [Test]
    public void Generate_Null_Throws()
    {
        var act = () => _generator.Generate(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public async Task GenerateAsync_Default_SameAsGenerate()
    {
        var m = new MigrationBuilder();
        m.AddColumn("tasks", "note", c => c.AsText());

        var sql = await _generator.GenerateAsync(m.Operations.Single(), new NoSchemaContext());

        sql.Should().Equal(_generator.Generate(m.Operations.Single()));
    }

    [Test]
    public void ToColumnSchema_Column_DescribesAsReaderWould()
    {
        var column = new ColumnDefinition("status", ColumnType.String(20)) { IsNullable = false, Default = ColumnDefault.Constant("idle"), IsIdentity = false };

        _generator.ToColumnSchema(column).Should().Be(new MigrationKit.Inspection.ColumnSchema("status", "VARCHAR(20)") { IsNullable = false, DefaultSql = "'idle'" });
    }

    private sealed class NoSchemaContext : MigrationKit.Providers.IMigrationSchemaContext
    {
        public ValueTask<MigrationKit.Inspection.DatabaseSchema> GetCurrentSchemaAsync(CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The default generator does not read the schema.");
    }
}
