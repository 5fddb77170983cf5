using MigrationKit.Operations;

namespace MigrationKit.Tests.Migrations;

public class MigrationChecksumTests
{
    private static string Checksum(Action<MigrationBuilder> up)
    {
        var m = new MigrationBuilder();
        up(m);
        return MigrationChecksum.Compute(m.Operations);
    }

    private static void CreateAgents(MigrationBuilder m)
    {
        m.CreateTable("agents", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(100).Unique();
            t.Column("status").AsString(20).Default("idle");
            t.Column("created_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
        });
        m.CreateIndex("agents", "status", "name");
        m.InsertData("agents", ["name", "status"], ["first", "idle"]);
    }

    [Test]
    public void Compute_AnyOperations_StartsWithVersionPrefixAndSha256Hex()
    {
        var checksum = Checksum(CreateAgents);

        checksum.Should().StartWith("v1:");
        checksum.Should().MatchRegex("^v1:[0-9a-f]{64}$");
    }

    [Test]
    public void Compute_SameOperationsRecordedTwice_IsStable()
    {
        Checksum(CreateAgents).Should().Be(Checksum(CreateAgents));
    }

    [Test]
    public void Compute_NoOperations_DiffersFromSomeOperations()
    {
        Checksum(_ => { }).Should().NotBe(Checksum(m => m.DropTable("t")));
    }

    [Test]
    public void Compute_SameOperationsInOtherOrder_Differs()
    {
        Checksum(m =>
        {
            m.DropTable("a");
            m.DropTable("b");
        }).Should().NotBe(Checksum(m =>
        {
            m.DropTable("b");
            m.DropTable("a");
        }));
    }

    private static IEnumerable<TestCaseData> MeaningfulChanges()
    {
        TestCaseData Case(string name, Action<MigrationBuilder> before, Action<MigrationBuilder> after) =>
            new TestCaseData(before, after).SetArgDisplayNames(name);

        yield return Case("column type", m => m.AddColumn("t", "c", c => c.AsInt32()), m => m.AddColumn("t", "c", c => c.AsInt64()));
        yield return Case("string length", m => m.AddColumn("t", "c", c => c.AsString(10)), m => m.AddColumn("t", "c", c => c.AsString(11)));
        yield return Case("decimal scale", m => m.AddColumn("t", "c", c => c.AsDecimal(10, 2)), m => m.AddColumn("t", "c", c => c.AsDecimal(10, 3)));
        yield return Case("custom store type", m => m.AddColumn("t", "c", c => c.AsCustom("tsvector")), m => m.AddColumn("t", "c", c => c.AsCustom("tsquery")));
        yield return Case("nullability", m => m.AddColumn("t", "c", c => c.AsInt32()), m => m.AddColumn("t", "c", c => c.AsInt32().Nullable()));
        yield return Case("identity", m => m.AddColumn("t", "c", c => c.AsInt32()), m => m.AddColumn("t", "c", c => c.AsInt32().Identity()));
        yield return Case("default added", m => m.AddColumn("t", "c", c => c.AsInt32()), m => m.AddColumn("t", "c", c => c.AsInt32().Default(0)));
        yield return Case("default value", m => m.AddColumn("t", "c", c => c.AsInt32().Default(0)), m => m.AddColumn("t", "c", c => c.AsInt32().Default(1)));
        yield return Case("default value type", m => m.AddColumn("t", "c", c => c.AsInt64().Default(1)), m => m.AddColumn("t", "c", c => c.AsInt64().Default(1L)));
        yield return Case("default string vs expression", m => m.AddColumn("t", "c", c => c.AsText().Default("now()")), m => m.AddColumn("t", "c", c => c.AsText().DefaultSql(SqlExpression.Raw("now()"))));
        yield return Case("default expression", m => m.AddColumn("t", "c", c => c.AsDateTime().DefaultSql(SqlExpression.CurrentTimestamp)), m => m.AddColumn("t", "c", c => c.AsDateTime().DefaultSql(SqlExpression.Raw("now()"))));
        yield return Case("column name", m => m.AddColumn("t", "c", c => c.AsInt32()), m => m.AddColumn("t", "d", c => c.AsInt32()));
        yield return Case("table name", m => m.AddColumn("t", "c", c => c.AsInt32()), m => m.AddColumn("u", "c", c => c.AsInt32()));
        yield return Case("table schema", m => m.DropTable("t"), m => m.InSchema("s").DropTable("t"));
        yield return Case("index columns", m => m.CreateIndex("t", "a"), m => m.CreateIndex("t", "a", "b").Named("ix_t_a"));
        yield return Case("index column order", m => m.CreateIndex("t", "a", "b").Named("ix"), m => m.CreateIndex("t", "b", "a").Named("ix"));
        yield return Case("index uniqueness", m => m.CreateIndex("t", "a"), m => m.CreateIndex("t", "a").Unique());
        yield return Case("index filter", m => m.CreateIndex("t", "a").Where("a > 0"), m => m.CreateIndex("t", "a").Where("a > 1"));
        yield return Case("index name", m => m.CreateIndex("t", "a"), m => m.CreateIndex("t", "a").Named("other"));
        yield return Case("foreign key action", m => m.AddForeignKey("t", ["a"], "p", ["id"]), m => m.AddForeignKey("t", ["a"], "p", ["id"], onDelete: ReferentialAction.Cascade));
        yield return Case("check expression", m => m.AddCheckConstraint("t", "c", "a > 0"), m => m.AddCheckConstraint("t", "c", "a >= 0"));
        yield return Case("primary key columns", m => m.CreateTable("t", t => { t.Column("a").AsInt32().PrimaryKey(); t.Column("b").AsInt32(); }), m => m.CreateTable("t", t => { t.Column("a").AsInt32().PrimaryKey(); t.Column("b").AsInt32().PrimaryKey(); }));
        yield return Case("column order", m => m.CreateTable("t", t => { t.Column("a").AsInt32(); t.Column("b").AsInt32(); }), m => m.CreateTable("t", t => { t.Column("b").AsInt32(); t.Column("a").AsInt32(); }));
        yield return Case("alter from", m => m.AlterColumn("t", "c", to => to.AsInt64()), m => m.AlterColumn("t", "c", to => to.AsInt64(), from => from.AsInt32()));
        yield return Case("rename target", m => m.RenameColumn("t", "a", "b"), m => m.RenameColumn("t", "a", "c"));
        yield return Case("raw sql text", m => m.Sql("SELECT 1"), m => m.Sql("SELECT 2"));
        yield return Case("raw sql leading indentation", m => m.Sql("SELECT 1"), m => m.Sql("  SELECT 1"));
        yield return Case("raw sql variant", m => m.Sql("SELECT 1"), m => m.Sql("SELECT 1").For("postgresql", "SELECT 2"));
        yield return Case("raw sql variant text", m => m.Sql("SELECT 1").For("sqlite", "SELECT 2"), m => m.Sql("SELECT 1").For("sqlite", "SELECT 3"));
        yield return Case("inserted value", m => m.InsertData("t", ["a"], ["x"]), m => m.InsertData("t", ["a"], ["y"]));
        yield return Case("inserted null vs string", m => m.InsertData("t", ["a"], new object?[] { null }), m => m.InsertData("t", ["a"], ["~"]));
        yield return Case("inserted row split", m => m.InsertData("t", ["a", "b"], ["x,y", "z"]), m => m.InsertData("t", ["a", "b"], ["x", "y,z"]));
        yield return Case("inserted bytes", m => m.InsertData("t", ["a"], [new byte[] { 1, 2 }]), m => m.InsertData("t", ["a"], [new byte[] { 1, 3 }]));
        yield return Case("inserted guid", m => m.InsertData("t", ["a"], [Guid.Empty]), m => m.InsertData("t", ["a"], [new Guid("00000000-0000-0000-0000-000000000001")]));
        yield return Case("inserted decimal", m => m.InsertData("t", ["a"], [1.5m]), m => m.InsertData("t", ["a"], [1.25m]));
        yield return Case("inserted bool", m => m.InsertData("t", ["a"], [true]), m => m.InsertData("t", ["a"], [false]));
        yield return Case("inserted date", m => m.InsertData("t", ["a"], [new DateOnly(2026, 11, 22)]), m => m.InsertData("t", ["a"], [new DateOnly(2026, 11, 23)]));
        yield return Case("inserted datetime milliseconds", m => m.InsertData("t", ["a"], [new DateTime(2026, 11, 22, 9, 0, 0)]), m => m.InsertData("t", ["a"], [new DateTime(2026, 11, 22, 9, 0, 0, 500)]));
        yield return Case("inserted datetime ticks", m => m.InsertData("t", ["a"], [new DateTime(2026, 11, 22, 9, 0, 0)]), m => m.InsertData("t", ["a"], [new DateTime(2026, 11, 22, 9, 0, 0).AddTicks(1)]));
        yield return Case("default datetimeoffset milliseconds", m => m.AddColumn("t", "c", c => c.AsDateTimeOffset().Default(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero))), m => m.AddColumn("t", "c", c => c.AsDateTimeOffset().Default(new DateTimeOffset(2026, 11, 22, 9, 0, 0, 250, TimeSpan.Zero))));
        yield return Case("default datetimeoffset offset", m => m.AddColumn("t", "c", c => c.AsDateTimeOffset().Default(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero))), m => m.AddColumn("t", "c", c => c.AsDateTimeOffset().Default(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.FromHours(1)))));
        yield return Case("inserted time seconds", m => m.InsertData("t", ["a"], [new TimeOnly(9, 0, 0)]), m => m.InsertData("t", ["a"], [new TimeOnly(9, 0, 30)]));
        yield return Case("inserted double", m => m.InsertData("t", ["a"], [0.1]), m => m.InsertData("t", ["a"], [0.1000000000000001]));
        yield return Case("updated value", m => m.UpdateData("t", "id", 1, "a", "x"), m => m.UpdateData("t", "id", 1, "a", "y"));
        yield return Case("deleted keys", m => m.DeleteData("t", "id", 1, 2), m => m.DeleteData("t", "id", 1, 3));
        yield return Case("operation kind", m => m.DropIndex("t", "x"), m => m.DropForeignKey("t", "x"));
    }

    [TestCaseSource(nameof(MeaningfulChanges))]
    public void Compute_MeaningfulValueChanged_Differs(Action<MigrationBuilder> before, Action<MigrationBuilder> after)
    {
        Checksum(after).Should().NotBe(Checksum(before));
    }

    private static IEnumerable<TestCaseData> CosmeticSqlChanges()
    {
        const string Sql = "UPDATE agents\nSET status = 'idle'\nWHERE status IS NULL;";
        TestCaseData Case(string name, string edited) => new TestCaseData(Sql, edited).SetArgDisplayNames(name);

        yield return Case("CRLF line endings", Sql.Replace("\n", "\r\n", StringComparison.Ordinal));
        yield return Case("CR line endings", Sql.Replace('\n', '\r'));
        yield return Case("byte order mark", "\uFEFF" + Sql);
        yield return Case("trailing spaces and tabs", Sql.Replace("\n", " \t\n", StringComparison.Ordinal) + "  ");
        yield return Case("trailing newlines", Sql + "\n\n");
        yield return Case("leading blank lines", "\n\r\n" + Sql);
        yield return Case("all at once", "\uFEFF" + Sql.Replace("\n", "  \r\n", StringComparison.Ordinal) + "\r\n");
    }

    [TestCaseSource(nameof(CosmeticSqlChanges))]
    public void Compute_RawSqlDiffersOnlyCosmetically_IsSame(string original, string edited)
    {
        Checksum(m => m.Sql(edited)).Should().Be(Checksum(m => m.Sql(original)));
    }

    [TestCaseSource(nameof(CosmeticSqlChanges))]
    public void Compute_RawSqlVariantDiffersOnlyCosmetically_IsSame(string original, string edited)
    {
        Checksum(m => m.Sql("SELECT 1").For("postgresql", edited)).Should().Be(Checksum(m => m.Sql("SELECT 1").For("postgresql", original)));
    }

    [Test]
    public void Compute_CheckExpressionWithTrailingSpace_Differs()
    {
        // Only raw SQL operations are normalized; other text is taken verbatim.
        Checksum(m => m.AddCheckConstraint("t", "c", "a > 0 ")).Should().NotBe(Checksum(m => m.AddCheckConstraint("t", "c", "a > 0")));
    }

    [Test]
    public void Compute_InvertedOperations_DifferFromOriginals()
    {
        var m = new MigrationBuilder();
        CreateAgents(m);

        var inverted = m.Operations.Reverse().Select(o => o.Invert()!).ToArray();

        MigrationChecksum.Compute(inverted).Should().NotBe(MigrationChecksum.Compute(m.Operations));
    }

    [Test]
    public void Compute_KnownOperations_MatchesRecordedValue()
    {
        // Pins the v1 algorithm: if this changes, every applied migration would look edited. Bump the prefix instead.
        // Properties at their default value are left out, so adding an optional property never changes this value.
        Checksum(m => m.DropTable("agents")).Should().Be(MigrationChecksum.Compute([new DropTableOperation(new QualifiedName("agents"))]));
        Checksum(m => m.DropTable("agents")).Should().Be("v1:" + Sha256Hex("DropTableOperation(Table=QualifiedName(Name=6:agents;);)\n"));
    }

    [Test]
    public void Compute_OperationsOfEveryValueKind_KeepTheChecksumsOfTheReflectionWriter()
    {
        // Recorded with the first implementation (PropertyInfo.GetValue, string then UTF-8 bytes) before it was made
        // faster: the faster writer must produce the same bytes, or every applied migration would look edited.
        Checksum(CreateAgents).Should().Be("v1:8302562c98bd0248d78959e493082d77f5aa28fe7607f3998d6c2101d33170b1");
        Checksum(m =>
        {
            m.Sql("UPDATE t SET a = 1;  \r\n");
            m.InsertData("t", ["a", "b", "c", "d", "e", "f", "g", "h"],
            [
                [1, "x", new DateTimeOffset(2026, 11, 22, 5, 0, 0, 123, TimeSpan.FromHours(1)), new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"), new byte[] { 1, 2, 255 }, null, 2.5m, true],
                [2L, "\u00fc\u20ac", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), new TimeOnly(12, 30, 15, 250), 1.25d, false, DateOnly.MinValue, (short)7],
            ]);
            m.AddForeignKey("t", ["a"], "u", ["id"], ReferentialAction.Cascade);
        }).Should().Be("v1:e0666aa3b24bf370a75761667212ba1b6a0652f24e3eb5d471b61e48c527be5a");
    }

    [TestCase("a\r\nb", "a\nb")]
    [TestCase("\uFEFFa", "a")]
    [TestCase("a  \nb\t", "a\nb")]
    [TestCase("\n\na\n\n", "a")]
    [TestCase("  a", "  a")]
    public void NormalizeSql_Text_IsCanonical(string sql, string expected)
    {
        MigrationChecksum.NormalizeSql(sql).Should().Be(expected);
    }

    private static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
