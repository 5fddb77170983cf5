using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Tests.Support;

namespace MigrationKit.Tests.Providers;

/// <summary>Replaying operations on a schema model (<see cref="MigrationKit.Providers.MigrationSqlGenerator.Apply"/>).</summary>
public class SchemaReplayTests
{
    private static readonly QualifiedName Agents = new("agents");
    private static readonly QualifiedName Tasks = new("tasks");

    private readonly TestSqlGenerator _generator = new();

    private DatabaseSchema Replay(DatabaseSchema schema, Action<MigrationBuilder> declare)
    {
        var m = new MigrationBuilder();
        declare(m);
        return m.Operations.Aggregate(schema, _generator.Apply);
    }

    private DatabaseSchema Replay(Action<MigrationBuilder> declare) => Replay(DatabaseSchema.Empty, declare);

    private static void CreateAgentsAndTasks(MigrationBuilder m)
    {
        m.CreateTable("agents", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(100).Unique();
        });
        m.CreateTable("tasks", t =>
        {
            t.Column("id").AsGuid().PrimaryKey();
            t.Column("agent_id").AsInt64().References("agents", onDelete: ReferentialAction.Cascade);
            t.Column("status").AsString(20).Default("idle");
            t.Column("note").AsText().Nullable();
            t.Check("known_status", "status <> ''");
        });
        m.CreateIndex("tasks", "agent_id", "status");
        m.CreateIndex("tasks", "note");
    }

    private static TableSchema ExpectedAgents() => new(Agents,
    [
        new ColumnSchema("id", "BIGINT") { IsNullable = false, IsIdentity = true },
        new ColumnSchema("name", "VARCHAR(100)") { IsNullable = false },
    ])
    {
        PrimaryKey = new PrimaryKeyDefinition("pk_agents", ["id"]),
        UniqueConstraints = [new UniqueConstraintDefinition("uq_agents_name", ["name"])],
    };

    private static TableSchema ExpectedTasks() => new(Tasks,
    [
        new ColumnSchema("id", "UUID") { IsNullable = false },
        new ColumnSchema("agent_id", "BIGINT") { IsNullable = false },
        new ColumnSchema("status", "VARCHAR(20)") { IsNullable = false, DefaultSql = "'idle'" },
        new ColumnSchema("note", "TEXT") { IsNullable = true },
    ])
    {
        PrimaryKey = new PrimaryKeyDefinition("pk_tasks", ["id"]),
        ForeignKeys = [new ForeignKeyDefinition("fk_tasks_agent_id_agents", ["agent_id"], Agents, ["id"]) { OnDelete = ReferentialAction.Cascade }],
        CheckConstraints = [new CheckConstraintDefinition("ck_tasks_known_status", "status <> ''")],
        Indexes = [new IndexDefinition("ix_tasks_agent_id_status", ["agent_id", "status"]), new IndexDefinition("ix_tasks_note", ["note"])],
    };

    private DatabaseSchema Base() => Replay(CreateAgentsAndTasks);

    private static TableSchema Table(DatabaseSchema schema, QualifiedName name) =>
        schema.FindTable(name) ?? throw new AssertionException($"table {name} is not in the replayed schema");

    [Test]
    public void Apply_CreateTable_PredictsColumnsKeysAndConstraints()
    {
        var schema = Base();

        schema.CompareTo(new DatabaseSchema([ExpectedAgents(), ExpectedTasks()])).Should().BeEmpty();
        schema.Tables.Select(t => t.Name).Should().Equal(Agents, Tasks);
    }

    [Test]
    public void Apply_CreateTable_ColumnsDescribedByGeneratorsStoreTypes()
    {
        var schema = Replay(m => m.CreateTable("kinds", t =>
        {
            t.Column("d").AsDecimal(10, 2);
            t.Column("b").AsBinary(16).Nullable();
            t.Column("c").AsCustom("tsvector").Nullable();
            t.Column("at").AsDateTime().DefaultSql(SqlExpression.CurrentTimestamp);
        }));

        Table(schema, new QualifiedName("kinds")).Columns.Should().Equal(
            new ColumnSchema("d", "DECIMAL(10,2)") { IsNullable = false },
            new ColumnSchema("b", "BINARY(16)") { IsNullable = true },
            new ColumnSchema("c", "tsvector") { IsNullable = true },
            new ColumnSchema("at", "TIMESTAMP") { IsNullable = false, DefaultSql = "CURRENT_TIMESTAMP" });
    }

    [Test]
    public void Apply_CreateTableInSchema_KeepsSchema()
    {
        var schema = Replay(m => m.InSchema("app").CreateTable("agents", t => t.Column("id").AsInt64()));

        schema.FindTable(new QualifiedName("agents", "app")).Should().NotBeNull();
        schema.FindTable(Agents).Should().BeNull();
    }

    [Test]
    public void Apply_DropTable_RemovesOnlyThatTable()
    {
        var schema = Replay(Base(), m => m.DropTable("tasks"));

        schema.Tables.Select(t => t.Name).Should().Equal(Agents);
    }

    [Test]
    public void Apply_AddColumn_AppendsColumn()
    {
        var schema = Replay(Base(), m => m.AddColumn("agents", "email", c => c.AsString(200).Nullable().Default("none")));

        Table(schema, Agents).Columns.Select(c => c.Name).Should().Equal("id", "name", "email");
        Table(schema, Agents).FindColumn("email").Should().Be(new ColumnSchema("email", "VARCHAR(200)") { IsNullable = true, DefaultSql = "'none'" });
    }

    [Test]
    public void Apply_AddColumnWithUniqueAndReference_AddsConstraintsToo()
    {
        var schema = Replay(Base(), m => m.AddColumn("tasks", "owner_id", c => c.AsInt64().Nullable().Unique().References("agents")));

        var tasks = Table(schema, Tasks);
        tasks.UniqueConstraints.Select(u => u.Name).Should().Equal("uq_tasks_owner_id");
        tasks.ForeignKeys.Select(f => f.Name).Should().Equal("fk_tasks_agent_id_agents", "fk_tasks_owner_id_agents");
    }

    [Test]
    public void Apply_DropColumn_RemovesColumnAndIndexesThatUseIt()
    {
        var schema = Replay(Base(), m => m.DropColumn("tasks", "status"));

        var tasks = Table(schema, Tasks);
        tasks.Columns.Select(c => c.Name).Should().Equal("id", "agent_id", "note");
        tasks.Indexes.Select(i => i.Name).Should().Equal("ix_tasks_note");
        tasks.PrimaryKey.Should().NotBeNull();
        tasks.ForeignKeys.Should().ContainSingle();
    }

    [Test]
    public void Apply_DropColumn_RemovesForeignKeysThatUseIt()
    {
        var schema = Replay(Base(), m => m.DropColumn("tasks", "agent_id"));

        var tasks = Table(schema, Tasks);
        tasks.ForeignKeys.Should().BeEmpty();
        tasks.Indexes.Select(i => i.Name).Should().Equal("ix_tasks_note");
    }

    [Test]
    public void Apply_DropColumn_RemovesPrimaryKeyAndUniqueConstraintsThatUseIt()
    {
        var schema = Replay(Base(), m =>
        {
            m.DropColumn("agents", "id");
            m.DropColumn("agents", "name");
        });

        var agents = Table(schema, Agents);
        agents.Columns.Should().BeEmpty();
        agents.PrimaryKey.Should().BeNull();
        agents.UniqueConstraints.Should().BeEmpty();
    }

    [Test]
    public void Apply_RenameColumn_RenamesItEverywhereInItsTable()
    {
        var schema = Replay(Base(), m =>
        {
            m.RenameColumn("tasks", "agent_id", "owner_id");
            m.RenameColumn("tasks", "id", "task_id");
        });

        var tasks = Table(schema, Tasks);
        tasks.Columns.Select(c => c.Name).Should().Equal("task_id", "owner_id", "status", "note");
        tasks.PrimaryKey!.Columns.Should().Equal("task_id");
        tasks.ForeignKeys.Single().Columns.Should().Equal("owner_id");
        tasks.Indexes.Select(i => string.Join(",", i.Columns)).Should().Equal("owner_id,status", "note");
    }

    [Test]
    public void Apply_RenameColumn_UniqueConstraintsFollow()
    {
        var schema = Replay(Base(), m => m.RenameColumn("agents", "name", "title"));

        Table(schema, Agents).UniqueConstraints.Single().Columns.Should().Equal("title");
    }

    [Test]
    public void Apply_RenameReferencedColumn_ForeignKeysOfOtherTablesFollow()
    {
        var schema = Replay(Base(), m => m.RenameColumn("agents", "id", "agent_key"));

        Table(schema, Tasks).ForeignKeys.Single().PrincipalColumns.Should().Equal("agent_key");
        Table(schema, Tasks).ForeignKeys.Single().Columns.Should().Equal("agent_id");
    }

    [Test]
    public void Apply_RenameColumnOfSelfReferencingTable_BothSidesFollow()
    {
        var schema = Replay(m =>
        {
            m.CreateTable("nodes", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("parent_id").AsInt64().Nullable().References("nodes");
            });
            m.RenameColumn("nodes", "id", "node_id");
        });

        var foreignKey = Table(schema, new QualifiedName("nodes")).ForeignKeys.Single();
        foreignKey.Columns.Should().Equal("parent_id");
        foreignKey.PrincipalColumns.Should().Equal("node_id");
    }

    [Test]
    public void Apply_AlterColumn_ReplacesDefinitionInPlace()
    {
        var schema = Replay(Base(), m => m.AlterColumn("tasks", "status", to => to.AsString(50).Nullable()));

        var tasks = Table(schema, Tasks);
        tasks.Columns.Select(c => c.Name).Should().Equal("id", "agent_id", "status", "note");
        tasks.FindColumn("status").Should().Be(new ColumnSchema("status", "VARCHAR(50)") { IsNullable = true });
    }

    [Test]
    public void Apply_CreateIndex_AddsIndex()
    {
        var schema = Replay(Base(), m => m.CreateIndex("agents", "name").Unique().Where("name <> ''"));

        Table(schema, Agents).Indexes.Should().BeEquivalentTo([new IndexDefinition("ix_agents_name", ["name"]) { IsUnique = true, Filter = "name <> ''" }]);
    }

    [Test]
    public void Apply_DropIndex_RemovesOnlyThatIndex()
    {
        var schema = Replay(Base(), m => m.DropIndex("tasks", "ix_tasks_agent_id_status"));

        Table(schema, Tasks).Indexes.Select(i => i.Name).Should().Equal("ix_tasks_note");
    }

    [Test]
    public void Apply_AddPrimaryKey_SetsKeyAndMakesColumnsNotNull()
    {
        var schema = Replay(m =>
        {
            m.CreateTable("memberships", t =>
            {
                t.Column("user_id").AsInt64().Nullable();
                t.Column("group_id").AsInt64().Nullable();
                t.Column("note").AsText().Nullable();
            });
            m.AddPrimaryKey("memberships", "user_id", "group_id");
        });

        var memberships = Table(schema, new QualifiedName("memberships"));
        memberships.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_memberships", ["user_id", "group_id"]));
        memberships.Columns.Select(c => c.IsNullable).Should().Equal(false, false, true);
    }

    [Test]
    public void Apply_DropPrimaryKey_RemovesKey()
    {
        var schema = Replay(Base(), m => m.DropPrimaryKey("agents"));

        Table(schema, Agents).PrimaryKey.Should().BeNull();
    }

    [Test]
    public void Apply_AddAndDropUniqueConstraint_TracksConstraint()
    {
        var added = Replay(Base(), m => m.AddUniqueConstraint("tasks", "agent_id", "status"));
        var dropped = Replay(added, m => m.DropUniqueConstraint("tasks", "uq_tasks_agent_id_status"));

        Table(added, Tasks).UniqueConstraints.Should().BeEquivalentTo([new UniqueConstraintDefinition("uq_tasks_agent_id_status", ["agent_id", "status"])]);
        Table(dropped, Tasks).UniqueConstraints.Should().BeEmpty();
    }

    [Test]
    public void Apply_AddAndDropForeignKey_TracksKey()
    {
        var added = Replay(Base(), m => m.AddForeignKey("agents", ["id"], "tasks", ["id"]));
        var dropped = Replay(added, m => m.DropForeignKey("tasks", "fk_tasks_agent_id_agents"));

        Table(added, Agents).ForeignKeys.Select(f => f.Name).Should().Equal("fk_agents_id_tasks");
        Table(dropped, Tasks).ForeignKeys.Should().BeEmpty();
        Table(dropped, Agents).ForeignKeys.Should().ContainSingle();
    }

    [Test]
    public void Apply_AddAndDropCheckConstraint_TracksCheck()
    {
        var added = Replay(Base(), m => m.AddCheckConstraint("agents", "named", "name <> ''"));
        var dropped = Replay(added, m => m.DropCheckConstraint("tasks", "ck_tasks_known_status"));

        Table(added, Agents).CheckConstraints.Should().Equal(new CheckConstraintDefinition("ck_agents_named", "name <> ''"));
        Table(dropped, Tasks).CheckConstraints.Should().BeEmpty();
        Table(dropped, Agents).CheckConstraints.Should().ContainSingle();
    }

    [Test]
    public void Apply_RenameTable_RenamesAndForeignKeysPointingAtItFollow()
    {
        var schema = Replay(Base(), m => m.RenameTable("agents", "workers"));

        schema.Tables.Select(t => t.Name.Name).Should().Equal("workers", "tasks");
        Table(schema, new QualifiedName("workers")).Columns.Should().HaveCount(2);
        Table(schema, Tasks).ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("workers"));
    }

    [Test]
    public void Apply_RenameTable_TableOfSameNameInOtherSchemaUntouched()
    {
        var schema = Replay(m =>
        {
            m.CreateTable("agents", t => t.Column("id").AsInt64().PrimaryKey());
            m.InSchema("app").CreateTable("agents", t => t.Column("id").AsInt64().PrimaryKey());
            m.CreateTable("tasks", t => t.Column("agent_id").AsInt64().References("agents", schema: "app"));
            m.RenameTable("agents", "workers");
        });

        schema.Tables.Select(t => t.Name).Should().Equal(new QualifiedName("workers"), new QualifiedName("agents", "app"), Tasks);
        Table(schema, Tasks).ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("agents", "app"));
    }

    [Test]
    public void Apply_OperationsWithoutShape_LeaveSchemaUnchanged()
    {
        var schema = Base();

        var after = Replay(schema, m =>
        {
            m.CreateSchema("app");
            m.Sql("UPDATE tasks SET status = 'idle'");
            m.InsertData("agents", ["name"], ["first"]);
            m.UpdateData("agents", "name", "first", "name", "second");
            m.DeleteData("agents", "name", "second");
        });

        after.Should().BeSameAs(schema);
    }

    [Test]
    public void Apply_OperationOnUnknownTable_LeavesSchemaEquivalent()
    {
        var schema = Base();

        var after = Replay(schema, m => m.AddColumn("missing", "c", c => c.AsInt32()));

        after.CompareTo(schema).Should().BeEmpty();
    }

    [Test]
    public void Apply_UpThenDerivedDown_ReturnsToStartingSchema()
    {
        var start = Base();
        var migration = new ReversibleMigration();
        var up = new MigrationBuilder();
        var down = new MigrationBuilder();
        migration.Up(up);
        migration.Down(down);

        var afterUp = up.Operations.Aggregate(start, _generator.Apply);
        var afterDown = down.Operations.Aggregate(afterUp, _generator.Apply);

        afterUp.CompareTo(start).Should().NotBeEmpty();
        afterDown.CompareTo(start).Should().BeEmpty();
    }

    [Migration(1, "reversible")]
    private sealed class ReversibleMigration : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.CreateTable("labels", t =>
            {
                t.Column("id").AsInt32().PrimaryKey();
                t.Column("task_id").AsGuid().References("tasks");
            });
            migration.AddColumn("agents", "email", c => c.AsString(200).Nullable().Unique());
            migration.RenameColumn("tasks", "note", "notes");
            migration.AlterColumn("tasks", "status", to => to.AsString(40), from => from.AsString(20).Default("idle"));
            migration.CreateIndex("agents", "email");
            migration.AddCheckConstraint("agents", "email_has_at", "email LIKE '%@%'");
            migration.RenameTable("agents", "workers");
        }
    }
}
