using MigrationKit.Operations;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.Schema;

public class MigrationBuilderTests
{
    private static readonly QualifiedName Users = new("users");

    [Test]
    public void Operations_NothingRecorded_IsEmpty()
    {
        new MigrationBuilder().Operations.Should().BeEmpty();
    }

    [Test]
    public void Operations_SeveralCalls_RecordedInCallOrder()
    {
        var m = new MigrationBuilder();

        m.CreateSchema("app");
        m.DropTable("old");
        m.RenameColumn("users", "mail", "email");

        m.Operations.Select(o => o.GetType()).Should().Equal(typeof(CreateSchemaOperation), typeof(DropTableOperation), typeof(RenameColumnOperation));
    }

    [Test]
    public void Operations_ReadTwice_ReturnsEquivalentButSeparateLists()
    {
        var m = new MigrationBuilder();
        m.DropTable("old");

        var first = m.Operations;
        m.DropTable("older");

        first.Should().ContainSingle();
        m.Operations.Should().HaveCount(2);
    }

    [Test]
    public void Naming_NotGiven_IsDefaultConvention()
    {
        new MigrationBuilder().Naming.Should().BeSameAs(NamingConvention.Default);
    }

    [Test]
    public void CreateSchema_Name_RecordsCreateSchema()
    {
        var m = new MigrationBuilder();

        m.CreateSchema("app");

        m.Operations.Should().Equal(new CreateSchemaOperation("app"));
    }

    [Test]
    public void DropSchema_Name_RecordsDropSchema()
    {
        var m = new MigrationBuilder();

        m.DropSchema("app");

        m.Operations.Should().Equal(new DropSchemaOperation("app"));
    }

    [Test]
    public void DropTable_Name_RecordsDropTable()
    {
        var m = new MigrationBuilder();

        m.DropTable("users");

        m.Operations.Should().Equal(new DropTableOperation(Users));
    }

    [Test]
    public void RenameTable_Names_RecordsRenameTable()
    {
        var m = new MigrationBuilder();

        m.RenameTable("users", "accounts");

        m.Operations.Should().Equal(new RenameTableOperation(Users, "accounts"));
    }

    [Test]
    public void AddColumn_PlainColumn_RecordsOnlyAddColumn()
    {
        var m = new MigrationBuilder();

        m.AddColumn("users", "email", c => c.AsString(200));

        m.Operations.Should().BeEquivalentTo(
            new MigrationOperation[] { new AddColumnOperation(Users, new ColumnDefinition("email", ColumnType.String(200)) { IsNullable = false }) },
            o => o.ByMembers());
    }

    [Test]
    public void AddColumn_NotMarkedNullable_IsNotNull()
    {
        var m = new MigrationBuilder();

        m.AddColumn("users", "email", c => c.AsText());

        m.Operations.OfType<AddColumnOperation>().Single().Column.IsNullable.Should().BeFalse();
    }

    [Test]
    public void AddColumn_Nullable_IsNullable()
    {
        var m = new MigrationBuilder();

        m.AddColumn("users", "email", c => c.AsText().Nullable());

        m.Operations.OfType<AddColumnOperation>().Single().Column.IsNullable.Should().BeTrue();
    }

    [Test]
    public void AddColumn_Unique_AlsoRecordsNamedUniqueConstraint()
    {
        var m = new MigrationBuilder();

        m.AddColumn("users", "email", c => c.AsString(200).Unique());

        m.Operations.Should().HaveCount(2);
        m.Operations[0].Should().BeOfType<AddColumnOperation>();
        m.Operations[1].Should().BeEquivalentTo(
            new AddUniqueConstraintOperation(Users, new UniqueConstraintDefinition("uq_users_email", ["email"])),
            o => o.ByMembers());
    }

    [Test]
    public void AddColumn_References_AlsoRecordsNamedForeignKey()
    {
        var m = new MigrationBuilder();

        m.AddColumn("tasks", "agent_id", c => c.AsInt64().References("agents", onDelete: ReferentialAction.Cascade, onUpdate: ReferentialAction.Restrict));

        m.Operations.Should().HaveCount(2);
        m.Operations[0].Should().BeOfType<AddColumnOperation>();
        m.Operations[1].Should().BeEquivalentTo(
            new AddForeignKeyOperation(new QualifiedName("tasks"), new ForeignKeyDefinition("fk_tasks_agent_id_agents", ["agent_id"], new QualifiedName("agents"), ["id"])
            {
                OnDelete = ReferentialAction.Cascade,
                OnUpdate = ReferentialAction.Restrict,
            }),
            o => o.ByMembers());
    }

    [Test]
    public void AddColumn_UniqueAndReferences_RecordsColumnThenUniqueThenForeignKey()
    {
        var m = new MigrationBuilder();

        m.AddColumn("tasks", "agent_id", c => c.AsInt64().Unique().References("agents", "agent_key"));

        m.Operations.Select(o => o.GetType()).Should().Equal(typeof(AddColumnOperation), typeof(AddUniqueConstraintOperation), typeof(AddForeignKeyOperation));
        m.Operations.OfType<AddForeignKeyOperation>().Single().ForeignKey.PrincipalColumns.Should().Equal("agent_key");
    }

    [Test]
    public void AddColumn_PrimaryKey_ThrowsNamingColumnAndFix()
    {
        var m = new MigrationBuilder();

        var act = () => m.AddColumn("users", "id", c => c.AsInt64().PrimaryKey());

        act.Should().Throw<ArgumentException>()
            .WithMessage("*'users.id'*AddPrimaryKey(\"users\"*")
            .Which.ParamName.Should().Be("define");
    }

    [Test]
    public void AddColumn_WithoutType_ThrowsNamingColumnAndFix()
    {
        var m = new MigrationBuilder();

        var act = () => m.AddColumn("users", "email", c => c.Nullable());

        act.Should().Throw<ArgumentException>().WithMessage("Column 'users.email' has no type.*AsInt64()*");
    }

    [Test]
    public void DropColumn_Names_RecordsDropColumn()
    {
        var m = new MigrationBuilder();

        m.DropColumn("users", "email");

        m.Operations.Should().Equal(new DropColumnOperation(Users, "email"));
    }

    [Test]
    public void RenameColumn_Names_RecordsRenameColumn()
    {
        var m = new MigrationBuilder();

        m.RenameColumn("users", "mail", "email");

        m.Operations.Should().Equal(new RenameColumnOperation(Users, "mail", "email"));
    }

    [Test]
    public void AlterColumn_WithoutFrom_RecordsNewDefinitionOnly()
    {
        var m = new MigrationBuilder();

        m.AlterColumn("users", "name", to => to.AsString(200).Nullable());

        var operation = m.Operations.Should().ContainSingle().Which.Should().BeOfType<AlterColumnOperation>().Subject;
        operation.Table.Should().Be(Users);
        operation.Column.Should().Be(new ColumnDefinition("name", ColumnType.String(200)) { IsNullable = true });
        operation.OldColumn.Should().BeNull();
    }

    [Test]
    public void AlterColumn_WithFrom_RecordsBothDefinitions()
    {
        var m = new MigrationBuilder();

        m.AlterColumn("users", "name", to => to.AsString(200), from => from.AsString(100).Nullable().Default("x"));

        var operation = m.Operations.Should().ContainSingle().Which.Should().BeOfType<AlterColumnOperation>().Subject;
        operation.Column.Should().Be(new ColumnDefinition("name", ColumnType.String(200)) { IsNullable = false });
        operation.OldColumn.Should().Be(new ColumnDefinition("name", ColumnType.String(100)) { IsNullable = true, Default = ColumnDefault.Constant("x") });
    }

    [Test]
    public void CreateIndex_Columns_RecordsConventionallyNamedIndex()
    {
        var m = new MigrationBuilder();

        m.CreateIndex("tasks", "agent_id", "created_at");

        m.Operations.Should().BeEquivalentTo(
            new MigrationOperation[] { new CreateIndexOperation(new QualifiedName("tasks"), new IndexDefinition("ix_tasks_agent_id_created_at", ["agent_id", "created_at"])) },
            o => o.ByMembers());
    }

    [Test]
    public void CreateIndex_NoColumns_Throws()
    {
        var m = new MigrationBuilder();

        var act = () => m.CreateIndex("tasks");

        act.Should().Throw<ArgumentException>().WithMessage("No column was given for an index on table 'tasks'*").Which.ParamName.Should().Be("columns");
    }

    [Test]
    public void DropIndex_Names_RecordsDropIndex()
    {
        var m = new MigrationBuilder();

        m.DropIndex("tasks", "ix_tasks_agent_id");

        m.Operations.Should().Equal(new DropIndexOperation(new QualifiedName("tasks"), "ix_tasks_agent_id"));
    }

    [Test]
    public void AddPrimaryKey_Columns_RecordsConventionallyNamedKey()
    {
        var m = new MigrationBuilder();

        m.AddPrimaryKey("memberships", "user_id", "group_id");

        m.Operations.Should().BeEquivalentTo(
            new MigrationOperation[] { new AddPrimaryKeyOperation(new QualifiedName("memberships"), new PrimaryKeyDefinition("pk_memberships", ["user_id", "group_id"])) },
            o => o.ByMembers());
    }

    [Test]
    public void DropPrimaryKey_NoName_UsesConventionalName()
    {
        var m = new MigrationBuilder();

        m.DropPrimaryKey("users");

        m.Operations.Should().Equal(new DropPrimaryKeyOperation(Users, "pk_users"));
    }

    [Test]
    public void DropPrimaryKey_Name_UsesGivenName()
    {
        var m = new MigrationBuilder();

        m.DropPrimaryKey("users", "users_pkey");

        m.Operations.Should().Equal(new DropPrimaryKeyOperation(Users, "users_pkey"));
    }

    [Test]
    public void AddUniqueConstraint_Columns_RecordsConventionallyNamedConstraint()
    {
        var m = new MigrationBuilder();

        m.AddUniqueConstraint("users", "tenant_id", "email");

        m.Operations.Should().BeEquivalentTo(
            new MigrationOperation[] { new AddUniqueConstraintOperation(Users, new UniqueConstraintDefinition("uq_users_tenant_id_email", ["tenant_id", "email"])) },
            o => o.ByMembers());
    }

    [Test]
    public void DropUniqueConstraint_Names_RecordsDropUniqueConstraint()
    {
        var m = new MigrationBuilder();

        m.DropUniqueConstraint("users", "uq_users_email");

        m.Operations.Should().Equal(new DropUniqueConstraintOperation(Users, "uq_users_email"));
    }

    [Test]
    public void AddForeignKey_Columns_RecordsConventionallyNamedForeignKey()
    {
        var m = new MigrationBuilder();

        m.AddForeignKey("lines", ["order_id", "order_year"], "orders", ["id", "year"], onDelete: ReferentialAction.SetNull);

        m.Operations.Should().BeEquivalentTo(
            new MigrationOperation[]
            {
                new AddForeignKeyOperation(new QualifiedName("lines"), new ForeignKeyDefinition("fk_lines_order_id_order_year_orders", ["order_id", "order_year"], new QualifiedName("orders"), ["id", "year"])
                {
                    OnDelete = ReferentialAction.SetNull,
                }),
            },
            o => o.ByMembers());
    }

    [Test]
    public void AddForeignKey_PrincipalSchema_QualifiesPrincipalOnly()
    {
        var m = new MigrationBuilder();

        m.AddForeignKey("lines", ["order_id"], "orders", ["id"], principalSchema: "sales");

        var operation = m.Operations.OfType<AddForeignKeyOperation>().Single();
        operation.Table.Should().Be(new QualifiedName("lines"));
        operation.ForeignKey.PrincipalTable.Should().Be(new QualifiedName("orders", "sales"));
    }

    [Test]
    public void AddForeignKey_ColumnCountsDiffer_ThrowsNamingTableAndFix()
    {
        var m = new MigrationBuilder();

        var act = () => m.AddForeignKey("lines", ["order_id", "order_year"], "orders", ["id"]);

        act.Should().Throw<ArgumentException>()
            .WithMessage("Foreign key from lines(order_id, order_year) lists 2 column(s) but references 1;*one referenced column per referencing column*")
            .Which.ParamName.Should().Be("principalColumns");
    }

    [Test]
    public void DropForeignKey_Names_RecordsDropForeignKey()
    {
        var m = new MigrationBuilder();

        m.DropForeignKey("lines", "fk_lines_order_id_orders");

        m.Operations.Should().Equal(new DropForeignKeyOperation(new QualifiedName("lines"), "fk_lines_order_id_orders"));
    }

    [Test]
    public void AddCheckConstraint_ShortName_RecordsConventionallyNamedCheck()
    {
        var m = new MigrationBuilder();

        m.AddCheckConstraint("orders", "positive_total", "total > 0");

        m.Operations.Should().Equal(new AddCheckConstraintOperation(new QualifiedName("orders"), new CheckConstraintDefinition("ck_orders_positive_total", "total > 0")));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void AddCheckConstraint_EmptyExpression_Throws(string expression)
    {
        var m = new MigrationBuilder();

        var act = () => m.AddCheckConstraint("orders", "positive_total", expression);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("expression");
    }

    [Test]
    public void DropCheckConstraint_Names_RecordsDropCheckConstraint()
    {
        var m = new MigrationBuilder();

        m.DropCheckConstraint("orders", "ck_orders_positive_total");

        m.Operations.Should().Equal(new DropCheckConstraintOperation(new QualifiedName("orders"), "ck_orders_positive_total"));
    }

    [Test]
    public void Sql_NoVariants_RecordsSqlWithoutVariants()
    {
        var m = new MigrationBuilder();

        m.Sql("UPDATE users SET active = 1");

        var operation = m.Operations.Should().ContainSingle().Which.Should().BeOfType<SqlOperation>().Subject;
        operation.Sql.Should().Be("UPDATE users SET active = 1");
        operation.ProviderSql.Should().BeEmpty();
    }

    [Test]
    public void Sql_ForPostgreSql_RecordsVariantSelectedOnlyForThatProvider()
    {
        var m = new MigrationBuilder();

        m.Sql("SELECT 1").For("postgresql", "SELECT 2");

        var operation = m.Operations.OfType<SqlOperation>().Single();
        operation.ProviderSql.Should().Equal(new Dictionary<string, string> { ["postgresql"] = "SELECT 2" });
        operation.SqlFor("postgresql").Should().Be("SELECT 2");
        operation.SqlFor("sqlite").Should().Be("SELECT 1");
    }

    [Test]
    public void Sql_ProviderNameInOtherCase_SelectsVariant()
    {
        var m = new MigrationBuilder();

        m.Sql("SELECT 1").For("PostgreSQL", "SELECT 2");

        m.Operations.OfType<SqlOperation>().Single().SqlFor("postgresql").Should().Be("SELECT 2");
    }

    [Test]
    public void Sql_SeveralVariants_RecordsEach()
    {
        var m = new MigrationBuilder();

        m.Sql("SELECT 1").For("postgresql", "SELECT 2").For("sqlite", "SELECT 3");

        var operation = m.Operations.OfType<SqlOperation>().Single();
        operation.SqlFor("postgresql").Should().Be("SELECT 2");
        operation.SqlFor("sqlite").Should().Be("SELECT 3");
        operation.SqlFor("other").Should().Be("SELECT 1");
    }

    [TestCase("")]
    [TestCase(" \t")]
    public void Sql_EmptyText_Throws(string sql)
    {
        var m = new MigrationBuilder();

        var act = () => m.Sql(sql);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("sql");
    }

    [Test]
    public void InsertData_Rows_RecordsInsertWithOneValuePerColumn()
    {
        var m = new MigrationBuilder();

        m.InsertData("statuses", ["id", "name"], [1, "idle"], [2, null]);

        var operation = m.Operations.Should().ContainSingle().Which.Should().BeOfType<InsertDataOperation>().Subject;
        operation.Table.Should().Be(new QualifiedName("statuses"));
        operation.Columns.Should().Equal("id", "name");
        operation.Rows.Should().HaveCount(2);
        operation.Rows[0].Should().Equal(1, "idle");
        operation.Rows[1].Should().Equal(2, null);
    }

    [Test]
    public void InsertData_RowTooShort_ThrowsNamingRowTableAndFix()
    {
        var m = new MigrationBuilder();

        var act = () => m.InsertData("statuses", ["id", "name"], [1, "idle"], [2]);

        act.Should().Throw<ArgumentException>()
            .WithMessage("Row 1 for table 'statuses' has 1 value(s) but 2 column(s) were named (id, name). Give one value per column.*")
            .Which.ParamName.Should().Be("rows");
    }

    [Test]
    public void InsertData_RowTooLong_Throws()
    {
        var m = new MigrationBuilder();

        var act = () => m.InsertData("statuses", ["id"], [1, "idle"]);

        act.Should().Throw<ArgumentException>().WithMessage("Row 0 for table 'statuses' has 2 value(s) but 1 column(s)*");
    }

    [Test]
    public void InsertData_NullRow_Throws()
    {
        var m = new MigrationBuilder();

        var act = () => m.InsertData("statuses", ["id"], [[1], null!]);

        act.Should().Throw<ArgumentException>().WithMessage("Row 1 for table 'statuses' has 0 value(s)*");
    }

    [Test]
    public void InsertData_ArraysChangedAfterwards_RecordedOperationKeepsOriginalValues()
    {
        var m = new MigrationBuilder();
        string[] columns = ["id", "name"];
        object?[] row = [1, "idle"];

        m.InsertData("statuses", columns, row);
        columns[1] = "changed";
        row[1] = "changed";

        var operation = m.Operations.OfType<InsertDataOperation>().Single();
        operation.Columns.Should().Equal("id", "name");
        operation.Rows[0].Should().Equal(1, "idle");
    }

    [Test]
    public void UpdateData_Values_RecordsUpdate()
    {
        var m = new MigrationBuilder();

        m.UpdateData("statuses", "id", 1, "name", "busy");

        var operation = m.Operations.Should().ContainSingle().Which.Should().BeOfType<UpdateDataOperation>().Subject;
        operation.KeyColumns.Should().Equal("id");
        operation.KeyValues.Should().Equal(1);
        operation.Columns.Should().Equal("name");
        operation.Values.Should().Equal("busy");
    }

    [Test]
    public void DeleteData_Values_RecordsOneKeyRowPerValue()
    {
        var m = new MigrationBuilder();

        m.DeleteData("statuses", "id", 1, 2);

        var operation = m.Operations.Should().ContainSingle().Which.Should().BeOfType<DeleteDataOperation>().Subject;
        operation.KeyColumns.Should().Equal("id");
        operation.KeyValues.Should().HaveCount(2);
        operation.KeyValues[0].Should().Equal(1);
        operation.KeyValues[1].Should().Equal(2);
    }

    [Test]
    public void Add_Operation_RecordsItAsIs()
    {
        var m = new MigrationBuilder();
        var operation = new DropTableOperation(Users);

        m.Add(operation);

        m.Operations.Should().ContainSingle().Which.Should().BeSameAs(operation);
    }

    [Test]
    public void InSchema_CreateTable_QualifiesTableAndRecordsOnParent()
    {
        var m = new MigrationBuilder();

        m.InSchema("sales").CreateTable("orders", t => t.Column("id").AsInt64());

        m.Operations.OfType<CreateTableOperation>().Single().Table.Should().Be(new QualifiedName("orders", "sales"));
    }

    [Test]
    public void InSchema_TableOperations_QualifyEveryTable()
    {
        var m = new MigrationBuilder();
        var sales = m.InSchema("sales");

        sales.DropTable("orders");
        sales.AddColumn("orders", "note", c => c.AsText());
        sales.CreateIndex("orders", "note");
        sales.InsertData("orders", ["note"], ["x"]);

        m.Operations.Should().HaveCount(4);
        m.Operations.OfType<DropTableOperation>().Single().Table.Schema.Should().Be("sales");
        m.Operations.OfType<AddColumnOperation>().Single().Table.Schema.Should().Be("sales");
        m.Operations.OfType<CreateIndexOperation>().Single().Table.Schema.Should().Be("sales");
        m.Operations.OfType<InsertDataOperation>().Single().Table.Schema.Should().Be("sales");
    }

    [Test]
    public void InSchema_ParentBuilder_StaysUnqualified()
    {
        var m = new MigrationBuilder();
        _ = m.InSchema("sales");

        m.DropTable("orders");

        m.Operations.OfType<DropTableOperation>().Single().Table.Should().Be(new QualifiedName("orders"));
    }

    [Test]
    public void InSchema_AddForeignKeyWithoutPrincipalSchema_ReferencesSameSchema()
    {
        var m = new MigrationBuilder();

        m.InSchema("sales").AddForeignKey("lines", ["order_id"], "orders", ["id"]);

        m.Operations.OfType<AddForeignKeyOperation>().Single().ForeignKey.PrincipalTable.Should().Be(new QualifiedName("orders", "sales"));
    }

    [Test]
    public void InSchema_KeepsNamingConvention()
    {
        var naming = new NamingConvention();
        var m = new MigrationBuilder(naming);

        m.InSchema("sales").Naming.Should().BeSameAs(naming);
    }
}
