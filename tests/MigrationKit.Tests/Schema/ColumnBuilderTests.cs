using MigrationKit.Operations;

namespace MigrationKit.Tests.Schema;

public class ColumnBuilderTests
{
    private static ColumnDefinition Column(Action<ColumnBuilder> define)
    {
        var m = new MigrationBuilder();
        m.AddColumn("t", "c", define);
        return m.Operations.OfType<AddColumnOperation>().Single().Column;
    }

    private static IEnumerable<TestCaseData> Types()
    {
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsInt16()), ColumnType.Of(ColumnTypeKind.Int16)).SetArgDisplayNames("AsInt16");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsInt32()), ColumnType.Of(ColumnTypeKind.Int32)).SetArgDisplayNames("AsInt32");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsInt64()), ColumnType.Of(ColumnTypeKind.Int64)).SetArgDisplayNames("AsInt64");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsDecimal(12, 3)), ColumnType.Decimal(12, 3)).SetArgDisplayNames("AsDecimal");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsDouble()), ColumnType.Of(ColumnTypeKind.Double)).SetArgDisplayNames("AsDouble");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsString(40)), ColumnType.String(40)).SetArgDisplayNames("AsString");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsText()), ColumnType.Of(ColumnTypeKind.Text)).SetArgDisplayNames("AsText");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsBoolean()), ColumnType.Of(ColumnTypeKind.Boolean)).SetArgDisplayNames("AsBoolean");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsDate()), ColumnType.Of(ColumnTypeKind.Date)).SetArgDisplayNames("AsDate");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsDateTime()), ColumnType.Of(ColumnTypeKind.DateTime)).SetArgDisplayNames("AsDateTime");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsDateTimeOffset()), ColumnType.Of(ColumnTypeKind.DateTimeOffset)).SetArgDisplayNames("AsDateTimeOffset");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsGuid()), ColumnType.Of(ColumnTypeKind.Guid)).SetArgDisplayNames("AsGuid");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsBinary()), ColumnType.Binary(null)).SetArgDisplayNames("AsBinary");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsBinary(16)), ColumnType.Binary(16)).SetArgDisplayNames("AsBinary16");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsJson()), ColumnType.Of(ColumnTypeKind.Json)).SetArgDisplayNames("AsJson");
        yield return new TestCaseData((Func<ColumnBuilder, ColumnBuilder>)(c => c.AsCustom("tsvector")), ColumnType.Custom("tsvector")).SetArgDisplayNames("AsCustom");
    }

    [TestCaseSource(nameof(Types))]
    public void As_Type_RecordsProviderNeutralType(Func<ColumnBuilder, ColumnBuilder> type, ColumnType expected)
    {
        Column(c => type(c)).Type.Should().Be(expected);
    }

    [Test]
    public void As_CalledTwice_LastTypeWins()
    {
        Column(c => c.AsInt32().AsText()).Type.Should().Be(ColumnType.Of(ColumnTypeKind.Text));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void AsString_LengthNotPositive_Throws(int length)
    {
        var act = () => Column(c => c.AsString(length));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("length");
    }

    [Test]
    public void AsBinary_LengthZero_Throws()
    {
        var act = () => Column(c => c.AsBinary(0));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("length");
    }

    [TestCase(0, 0, "precision")]
    [TestCase(5, -1, "scale")]
    [TestCase(5, 6, "scale")]
    public void AsDecimal_OutOfRange_Throws(int precision, int scale, string parameter)
    {
        var act = () => Column(c => c.AsDecimal(precision, scale));

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(parameter);
    }

    [TestCase("")]
    [TestCase("  ")]
    public void AsCustom_EmptyStoreType_Throws(string storeType)
    {
        var act = () => Column(c => c.AsCustom(storeType));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("storeType");
    }

    [Test]
    public void Build_Defaults_NotNullNoDefaultNoIdentity()
    {
        Column(c => c.AsInt32()).Should().Be(new ColumnDefinition("c", ColumnType.Of(ColumnTypeKind.Int32)) { IsNullable = false, Default = null, IsIdentity = false });
    }

    [Test]
    public void Nullable_Called_AcceptsNulls()
    {
        Column(c => c.AsInt32().Nullable()).IsNullable.Should().BeTrue();
    }

    [Test]
    public void NotNull_AfterNullable_RejectsNulls()
    {
        Column(c => c.AsInt32().Nullable().NotNull()).IsNullable.Should().BeFalse();
    }

    [Test]
    public void Default_Constant_RecordsValueWithoutExpression()
    {
        var value = Column(c => c.AsInt32().Default(42)).Default;

        value.Should().NotBeNull();
        value!.Value.Should().Be(42);
        value.Expression.Should().BeNull();
    }

    [Test]
    public void Default_Null_RecordsNullConstant()
    {
        var value = Column(c => c.AsInt32().Nullable().Default(null)).Default;

        value.Should().Be(ColumnDefault.Constant(null));
    }

    [Test]
    public void DefaultSql_Expression_RecordsExpressionWithoutValue()
    {
        var value = Column(c => c.AsDateTime().DefaultSql(SqlExpression.CurrentTimestamp)).Default;

        value!.Expression.Should().BeSameAs(SqlExpression.CurrentTimestamp);
        value.Value.Should().BeNull();
    }

    [Test]
    public void DefaultSql_AfterDefault_LastCallWins()
    {
        var value = Column(c => c.AsInt32().Default(1).DefaultSql(SqlExpression.Raw("2"))).Default;

        value.Should().Be(ColumnDefault.Sql(SqlExpression.Raw("2")));
    }

    [Test]
    public void DefaultSql_Null_Throws()
    {
        var act = () => Column(c => c.AsInt32().DefaultSql(null!));

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("expression");
    }

    [Test]
    public void Identity_OnInteger_IsIdentity()
    {
        Column(c => c.AsInt64().Identity()).IsIdentity.Should().BeTrue();
    }

    [Test]
    public void Identity_OnDecimal_ThrowsNamingColumnAndFix()
    {
        var act = () => Column(c => c.AsDecimal(10, 0).Identity());

        act.Should().Throw<ArgumentException>()
            .WithMessage("Column 't.c' is an identity column of type Decimal(10,0); identity needs an integer type (AsInt32() or AsInt64()).*");
    }

    [Test]
    public void Identity_InAlterColumn_IsValidatedToo()
    {
        var m = new MigrationBuilder();

        var act = () => m.AlterColumn("t", "c", to => to.AsText().Identity());

        act.Should().Throw<ArgumentException>().WithMessage("Column 't.c' is an identity column of type Text;*");
    }

    [Test]
    public void AlterColumn_FromWithoutType_ThrowsNamingColumn()
    {
        var m = new MigrationBuilder();

        var act = () => m.AlterColumn("t", "c", to => to.AsText(), from => from.Nullable());

        act.Should().Throw<ArgumentException>().WithMessage("Column 't.c' has no type.*");
    }

    [Test]
    public void SqlExpressionRaw_Empty_Throws()
    {
        var act = () => SqlExpression.Raw(" ");

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("sql");
    }
}
