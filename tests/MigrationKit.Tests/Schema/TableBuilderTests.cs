using MigrationKit.Operations;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.Schema;

public class TableBuilderTests
{
    private static CreateTableOperation CreateTable(Action<TableBuilder> define, string name = "agents")
    {
        var m = new MigrationBuilder();
        m.CreateTable(name, define);
        return m.Operations.Should().ContainSingle().Which.Should().BeOfType<CreateTableOperation>().Subject;
    }

    [Test]
    public void Build_Columns_RecordsColumnsInDeclarationOrder()
    {
        var table = CreateTable(t =>
        {
            t.Column("id").AsInt64().Identity();
            t.Column("name").AsString(100);
            t.Column("note").AsText().Nullable();
        });

        table.Should().BeEquivalentTo(
            new CreateTableOperation(new QualifiedName("agents"),
            [
                new ColumnDefinition("id", ColumnType.Of(ColumnTypeKind.Int64)) { IsNullable = false, IsIdentity = true },
                new ColumnDefinition("name", ColumnType.String(100)) { IsNullable = false },
                new ColumnDefinition("note", ColumnType.Of(ColumnTypeKind.Text)) { IsNullable = true },
            ]),
            o => o.ByMembers());
    }

    [Test]
    public void Build_NoConstraints_HasNoKeyAndEmptyConstraintLists()
    {
        var table = CreateTable(t => t.Column("name").AsText());

        table.PrimaryKey.Should().BeNull();
        table.UniqueConstraints.Should().BeEmpty();
        table.ForeignKeys.Should().BeEmpty();
        table.CheckConstraints.Should().BeEmpty();
    }

    [Test]
    public void Build_ColumnNotMarkedNullable_IsNotNull()
    {
        var table = CreateTable(t => t.Column("name").AsText());

        table.Columns.Single().IsNullable.Should().BeFalse();
    }

    [Test]
    public void Build_ColumnNullableThenNotNull_LastCallWins()
    {
        var table = CreateTable(t => t.Column("name").AsText().Nullable().NotNull());

        table.Columns.Single().IsNullable.Should().BeFalse();
    }

    [Test]
    public void Build_InlinePrimaryKeyOnOneColumn_NamesKeyByConvention()
    {
        var table = CreateTable(t => t.Column("id").AsGuid().PrimaryKey());

        table.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_agents", ["id"]), o => o.ByMembers());
    }

    [Test]
    public void Build_InlinePrimaryKeyOnSeveralColumns_MakesOneCompositeKeyInColumnOrder()
    {
        var table = CreateTable(t =>
        {
            t.Column("user_id").AsInt64().PrimaryKey();
            t.Column("note").AsText();
            t.Column("group_id").AsInt64().PrimaryKey();
        }, "memberships");

        table.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_memberships", ["user_id", "group_id"]), o => o.ByMembers());
    }

    [Test]
    public void Build_InlinePrimaryKeyOnNullableColumn_ThrowsNamingColumnAndFix()
    {
        var act = () => CreateTable(t => t.Column("id").AsInt64().Nullable().PrimaryKey());

        act.Should().Throw<ArgumentException>().WithMessage("*'*.id' is declared both Nullable() and PrimaryKey()*Remove Nullable()*");
    }

    [Test]
    public void Build_InlinePrimaryKey_IsNotNull()
    {
        var table = CreateTable(t => t.Column("id").AsInt64().PrimaryKey());

        table.Columns.Single().IsNullable.Should().BeFalse();
    }

    [Test]
    public void PrimaryKey_OverNullableColumns_ThrowsNamingTableColumnsAndFix()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("user_id").AsInt64().Nullable();
            t.Column("group_id").AsInt64();
            t.PrimaryKey("group_id", "user_id");
        }, "memberships");

        act.Should().Throw<ArgumentException>().WithMessage("Table 'memberships' makes the nullable column(s) 'user_id' part of its primary key*Remove Nullable()*");
    }

    [Test]
    public void PrimaryKey_Columns_DeclaresCompositeKeyOverNotNullColumns()
    {
        var table = CreateTable(t =>
        {
            t.Column("user_id").AsInt64();
            t.Column("group_id").AsInt64();
            t.Column("note").AsText().Nullable();
            t.PrimaryKey("group_id", "user_id");
        }, "memberships");

        table.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_memberships", ["group_id", "user_id"]), o => o.ByMembers());
        table.Columns.Select(c => (c.Name, c.IsNullable)).Should().Equal(("user_id", false), ("group_id", false), ("note", true));
    }

    [Test]
    public void PrimaryKey_AlsoDeclaredInline_ThrowsNamingTableAndFix()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.PrimaryKey("id");
        });

        act.Should().Throw<ArgumentException>().WithMessage("Table 'agents' declares its primary key twice: on column(s) id and with PrimaryKey(...). Keep one.*");
    }

    [Test]
    public void PrimaryKey_NamesUndeclaredColumn_ThrowsNamingTableColumnAndFix()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("id").AsInt64();
            t.PrimaryKey("id", "tenant");
        });

        act.Should().Throw<ArgumentException>()
            .WithMessage("The primary key of table 'agents' names column(s) 'tenant' that the table does not declare. Declare them with t.Column(...) or fix the name.*");
    }

    [Test]
    public void PrimaryKey_ArrayChangedAfterwards_KeepsOriginalColumns()
    {
        string[] key = ["id"];
        var table = CreateTable(t =>
        {
            t.Column("id").AsInt64();
            t.Column("other").AsInt64();
            t.PrimaryKey(key);
            key[0] = "other";
        });

        table.PrimaryKey!.Columns.Should().Equal("id");
    }

    [Test]
    public void Build_ColumnUnique_AddsConventionallyNamedUniqueConstraint()
    {
        var table = CreateTable(t => t.Column("name").AsString(100).Unique());

        table.UniqueConstraints.Should().BeEquivalentTo([new UniqueConstraintDefinition("uq_agents_name", ["name"])], o => o.ByMembers());
    }

    [Test]
    public void Unique_Columns_AddsCompositeUniqueConstraint()
    {
        var table = CreateTable(t =>
        {
            t.Column("tenant").AsInt32();
            t.Column("name").AsString(100);
            t.Unique("tenant", "name");
        });

        table.UniqueConstraints.Should().BeEquivalentTo([new UniqueConstraintDefinition("uq_agents_tenant_name", ["tenant", "name"])], o => o.ByMembers());
    }

    [Test]
    public void Unique_NamesUndeclaredColumn_ThrowsNamingTableColumnAndFix()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("name").AsString(100);
            t.Unique("tenant", "name");
        });

        act.Should().Throw<ArgumentException>().WithMessage("The unique constraint of table 'agents' names column(s) 'tenant' that the table does not declare.*t.Column(...)*");
    }

    [Test]
    public void Build_ColumnReferences_AddsConventionallyNamedForeignKeyToId()
    {
        var table = CreateTable(t => t.Column("agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade), "tasks");

        table.ForeignKeys.Should().BeEquivalentTo(
            [new ForeignKeyDefinition("fk_tasks_agent_id_agents", ["agent_id"], new QualifiedName("agents"), ["id"]) { OnDelete = ReferentialAction.Cascade }],
            o => o.ByMembers());
    }

    [Test]
    public void Build_ColumnReferencesOtherSchema_QualifiesPrincipal()
    {
        var table = CreateTable(t => t.Column("agent_id").AsInt64().References("agents", "key", schema: "ops"), "tasks");

        var foreignKey = table.ForeignKeys.Should().ContainSingle().Subject;
        foreignKey.PrincipalTable.Should().Be(new QualifiedName("agents", "ops"));
        foreignKey.PrincipalColumns.Should().Equal("key");
    }

    [Test]
    public void ForeignKey_Columns_AddsCompositeForeignKey()
    {
        var table = CreateTable(t =>
        {
            t.Column("order_id").AsInt64();
            t.Column("order_year").AsInt32();
            t.ForeignKey(["order_id", "order_year"], "orders", ["id", "year"], onUpdate: ReferentialAction.Cascade);
        }, "lines");

        table.ForeignKeys.Should().BeEquivalentTo(
            [new ForeignKeyDefinition("fk_lines_order_id_order_year_orders", ["order_id", "order_year"], new QualifiedName("orders"), ["id", "year"]) { OnUpdate = ReferentialAction.Cascade }],
            o => o.ByMembers());
    }

    [Test]
    public void ForeignKey_ColumnCountsDiffer_ThrowsNamingTableAndFix()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("order_id").AsInt64();
            t.ForeignKey(["order_id"], "orders", ["id", "year"]);
        }, "lines");

        act.Should().Throw<ArgumentException>()
            .WithMessage("Foreign key from lines(order_id) lists 1 column(s) but references 2; give one referenced column per referencing column.*");
    }

    [Test]
    public void ForeignKey_NamesUndeclaredColumn_ThrowsNamingTableColumnAndFix()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("id").AsInt64();
            t.ForeignKey(["order_id"], "orders", ["id"]);
        }, "lines");

        act.Should().Throw<ArgumentException>().WithMessage("The foreign key of table 'lines' names column(s) 'order_id' that the table does not declare.*");
    }

    [Test]
    public void Check_ShortName_AddsConventionallyNamedCheck()
    {
        var table = CreateTable(t =>
        {
            t.Column("total").AsDecimal(10, 2);
            t.Check("positive_total", "total > 0");
        }, "orders");

        table.CheckConstraints.Should().Equal(new CheckConstraintDefinition("ck_orders_positive_total", "total > 0"));
    }

    [Test]
    public void Check_EmptyExpression_Throws()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("total").AsDecimal(10, 2);
            t.Check("positive_total", " ");
        });

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("expression");
    }

    [Test]
    public void Build_NoColumns_ThrowsNamingTableAndFix()
    {
        var act = () => CreateTable(_ => { });

        act.Should().Throw<ArgumentException>().WithMessage("Table 'agents' declares no columns. Add at least one with t.Column(\"name\").As…().*");
    }

    [Test]
    public void Build_DuplicateColumnNames_ThrowsListingEveryDuplicate()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("id").AsInt64();
            t.Column("name").AsText();
            t.Column("id").AsInt32();
            t.Column("Name").AsText();
        });

        act.Should().Throw<ArgumentException>()
            .WithMessage("Table 'agents' declares the column(s) 'id', 'name' more than once. Give each column a distinct name.*");
    }

    [Test]
    public void Build_ColumnWithoutType_ThrowsNamingColumnAndFix()
    {
        var act = () => CreateTable(t =>
        {
            t.Column("id").AsInt64();
            t.Column("name").NotNull();
        });

        act.Should().Throw<ArgumentException>()
            .WithMessage("Column 'agents.name' has no type. Call one of the As… methods, for example AsInt64() or AsString(100).*")
            .Which.ParamName.Should().Be("name");
    }

    [Test]
    public void Build_IdentityOnNonInteger_ThrowsNamingColumnTypeAndFix()
    {
        var act = () => CreateTable(t => t.Column("id").AsGuid().Identity());

        act.Should().Throw<ArgumentException>()
            .WithMessage("Column 'agents.id' is an identity column of type Guid; identity needs an integer type (AsInt32() or AsInt64()).*");
    }

    [Test]
    public void Build_IdentityOnString_ReportsTypeWithLength()
    {
        var act = () => CreateTable(t => t.Column("code").AsString(10).Identity());

        act.Should().Throw<ArgumentException>().WithMessage("*identity column of type String(10);*");
    }

    [TestCase(ColumnTypeKind.Int16)]
    [TestCase(ColumnTypeKind.Int32)]
    [TestCase(ColumnTypeKind.Int64)]
    public void Build_IdentityOnInteger_IsIdentity(ColumnTypeKind kind)
    {
        var table = CreateTable(t =>
        {
            var column = t.Column("id");
            _ = kind switch
            {
                ColumnTypeKind.Int16 => column.AsInt16(),
                ColumnTypeKind.Int32 => column.AsInt32(),
                _ => column.AsInt64(),
            };
            column.Identity();
        });

        table.Columns.Single().Should().Be(new ColumnDefinition("id", ColumnType.Of(kind)) { IsNullable = false, IsIdentity = true });
    }

    [Test]
    public void Build_InSchema_ConstraintNamesUseBareTableName()
    {
        var m = new MigrationBuilder();

        m.InSchema("ops").CreateTable("agents", t => t.Column("id").AsInt64().PrimaryKey());

        m.Operations.OfType<CreateTableOperation>().Single().PrimaryKey!.Name.Should().Be("pk_agents");
    }

    [Test]
    public void Build_ColumnDefaults_RecordsConstantAndExpression()
    {
        var table = CreateTable(t =>
        {
            t.Column("status").AsString(20).Default("idle");
            t.Column("created_at").AsDateTimeOffset().DefaultSql(SqlExpression.CurrentTimestamp);
            t.Column("score").AsDouble().DefaultSql(SqlExpression.Raw("random()"));
            t.Column("note").AsText().Nullable();
        });

        table.Columns.Select(c => c.Default).Should().Equal(
            ColumnDefault.Constant("idle"),
            ColumnDefault.Sql(SqlExpression.CurrentTimestamp),
            ColumnDefault.Sql(SqlExpression.Raw("random()")),
            null);
    }
}
