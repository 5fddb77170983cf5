using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Tests.Inspection;

/// <summary><see cref="DatabaseSchema.CompareTo"/>: every difference in words that name the object.</summary>
public class SchemaComparerTests
{
    private static readonly QualifiedName Tasks = new("tasks");

    private static TableSchema Agents() => new(new QualifiedName("agents"), [new ColumnSchema("id", "BIGINT") { IsNullable = false, IsIdentity = true }])
    {
        PrimaryKey = new PrimaryKeyDefinition("pk_agents", ["id"]),
    };

    private static TableSchema TasksTable() => new(Tasks,
    [
        new ColumnSchema("id", "UUID") { IsNullable = false },
        new ColumnSchema("agent_id", "BIGINT") { IsNullable = false },
        new ColumnSchema("status", "VARCHAR(20)") { IsNullable = false, DefaultSql = "'idle'" },
        new ColumnSchema("note", "TEXT"),
    ])
    {
        PrimaryKey = new PrimaryKeyDefinition("pk_tasks", ["id"]),
        UniqueConstraints = [new UniqueConstraintDefinition("uq_tasks_note", ["note"])],
        ForeignKeys = [new ForeignKeyDefinition("fk_tasks_agent_id_agents", ["agent_id"], new QualifiedName("agents"), ["id"]) { OnDelete = ReferentialAction.Cascade }],
        CheckConstraints = [new CheckConstraintDefinition("ck_tasks_status", "status IN ('idle', 'busy')")],
        Indexes = [new IndexDefinition("ix_tasks_agent_id", ["agent_id"])],
        Triggers = [new TriggerSchema("trg_tasks", "CREATE TRIGGER trg_tasks AFTER UPDATE ON tasks BEGIN SELECT 1; END")],
    };

    private static DatabaseSchema Schema(Func<TableSchema, TableSchema>? changeTasks = null, IReadOnlyList<ViewSchema>? views = null) =>
        new DatabaseSchema([Agents(), (changeTasks ?? (t => t))(TasksTable())])
        {
            Views = views ?? [new ViewSchema(new QualifiedName("busy_tasks"), "SELECT * FROM tasks WHERE status = 'busy'")],
        };

    private static IReadOnlyList<string> Differences(Func<TableSchema, TableSchema> changeActual) => Schema().CompareTo(Schema(changeActual));

    private static TableSchema WithColumn(TableSchema table, string name, Func<ColumnSchema, ColumnSchema> change) =>
        table with { Columns = table.Columns.Select(c => c.Name == name ? change(c) : c).ToArray() };

    [Test]
    public void CompareTo_EqualSchemas_NoDifferences()
    {
        Schema().CompareTo(Schema()).Should().BeEmpty();
    }

    [Test]
    public void CompareTo_EmptySchemas_NoDifferences()
    {
        DatabaseSchema.Empty.CompareTo(new DatabaseSchema([])).Should().BeEmpty();
    }

    [Test]
    public void CompareTo_TablesInOtherOrder_NoDifferences()
    {
        var reordered = new DatabaseSchema([TasksTable(), Agents()]) { Views = Schema().Views };

        Schema().CompareTo(reordered).Should().BeEmpty();
    }

    [Test]
    public void CompareTo_StoreTypeCaseAndSqlWhitespaceDiffer_NoDifferences()
    {
        var actual = Schema(t => WithColumn(t, "status", c => c with { StoreType = "varchar(20)", DefaultSql = " 'idle' " }) with
        {
            CheckConstraints = [new CheckConstraintDefinition("ck_tasks_status", "status  IN ('idle',\n 'busy')")],
            Triggers = [new TriggerSchema("trg_tasks", "CREATE TRIGGER trg_tasks\n  AFTER UPDATE ON tasks\nBEGIN\n  SELECT 1;\nEND")],
        }, [new ViewSchema(new QualifiedName("busy_tasks"), "SELECT *\nFROM tasks\nWHERE status = 'busy'")]);

        Schema().CompareTo(actual).Should().BeEmpty();
    }

    [Test]
    public void CompareTo_TableMissing_ReportsIt()
    {
        var actual = new DatabaseSchema([Agents()]) { Views = Schema().Views };

        Schema().CompareTo(actual).Should().Equal("table tasks is missing");
    }

    [Test]
    public void CompareTo_UnexpectedTable_ReportsIt()
    {
        var actual = Schema() with { Tables = [.. Schema().Tables, new TableSchema(new QualifiedName("extra", "app"), [new ColumnSchema("id", "INTEGER")])] };

        Schema().CompareTo(actual).Should().Equal("table app.extra is unexpected");
    }

    [Test]
    public void CompareTo_SameNameOtherSchema_ReportsMissingAndUnexpected()
    {
        var expected = new DatabaseSchema([Agents()]);
        var actual = new DatabaseSchema([Agents() with { Name = new QualifiedName("agents", "app") }]);

        expected.CompareTo(actual).Should().Equal("table agents is missing", "table app.agents is unexpected");
    }

    [Test]
    public void CompareTo_ColumnType_ReportsColumnWithBothDefinitions()
    {
        Differences(t => WithColumn(t, "agent_id", c => c with { StoreType = "INTEGER" }))
            .Should().Equal("table tasks: column agent_id is INTEGER NOT NULL, expected BIGINT NOT NULL");
    }

    [Test]
    public void CompareTo_ColumnNullability_ReportsColumn()
    {
        Differences(t => WithColumn(t, "note", c => c with { IsNullable = false }))
            .Should().Equal("table tasks: column note is TEXT NOT NULL, expected TEXT NULL");
    }

    [Test]
    public void CompareTo_ColumnDefault_ReportsColumn()
    {
        Differences(t => WithColumn(t, "status", c => c with { DefaultSql = "'busy'" }))
            .Should().Equal("table tasks: column status is VARCHAR(20) NOT NULL DEFAULT 'busy', expected VARCHAR(20) NOT NULL DEFAULT 'idle'");
    }

    [Test]
    public void CompareTo_ColumnDefaultRemoved_ReportsColumn()
    {
        Differences(t => WithColumn(t, "status", c => c with { DefaultSql = null }))
            .Should().Equal("table tasks: column status is VARCHAR(20) NOT NULL, expected VARCHAR(20) NOT NULL DEFAULT 'idle'");
    }

    [Test]
    public void CompareTo_ColumnIdentity_ReportsColumn()
    {
        var actual = new DatabaseSchema([Agents() with { Columns = [new ColumnSchema("id", "BIGINT") { IsNullable = false }] }]);

        new DatabaseSchema([Agents()]).CompareTo(actual).Should().Equal("table agents: column id is BIGINT NOT NULL, expected BIGINT NOT NULL IDENTITY");
    }

    [Test]
    public void CompareTo_ColumnOrder_ReportsBothOrders()
    {
        Differences(t => t with { Columns = [t.Columns[1], t.Columns[0], t.Columns[2], t.Columns[3]] })
            .Should().Equal("table tasks: columns are (agent_id, id, status, note), expected (id, agent_id, status, note)");
    }

    [Test]
    public void CompareTo_ColumnMissing_ReportsTheColumnOnly()
    {
        Differences(t => t with { Columns = t.Columns.Where(c => c.Name != "note").ToArray() })
            .Should().Equal("table tasks: column note is missing");
    }

    [Test]
    public void CompareTo_ColumnMissingAndOthersReordered_ReportsBoth()
    {
        Differences(t => t with { Columns = [t.Columns[1], t.Columns[0], t.Columns[2]] })
            .Should().Equal("table tasks: column note is missing", "table tasks: columns are (agent_id, id, status), expected (id, agent_id, status)");
    }

    [Test]
    public void CompareTo_ColumnUnexpected_ReportsTheColumnOnly()
    {
        var differences = Schema().Diff(Schema(t => t with { Columns = [.. t.Columns, new ColumnSchema("extra", "TEXT")] }));

        differences.Should().ContainSingle().Which.Should().Be(new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.Column, Tasks, "extra", null, "TEXT NULL"));
        differences[0].ToString().Should().Be("table tasks: column extra is unexpected");
    }

    [Test]
    public void CompareTo_PrimaryKeyColumns_ReportsKey()
    {
        Differences(t => t with { PrimaryKey = new PrimaryKeyDefinition("pk_tasks", ["id", "agent_id"]) })
            .Should().Equal("table tasks: primary key is pk_tasks(id, agent_id), expected pk_tasks(id)");
    }

    [Test]
    public void CompareTo_PrimaryKeyName_ReportsKey()
    {
        Differences(t => t with { PrimaryKey = new PrimaryKeyDefinition("tasks_pkey", ["id"]) })
            .Should().Equal("table tasks: primary key is tasks_pkey(id), expected pk_tasks(id)");
    }

    [Test]
    public void CompareTo_PrimaryKeyMissing_ReportsNone()
    {
        Differences(t => t with { PrimaryKey = null })
            .Should().Equal("table tasks: primary key is none, expected pk_tasks(id)");
    }

    [Test]
    public void CompareTo_UniqueConstraintColumns_ReportsConstraint()
    {
        Differences(t => t with { UniqueConstraints = [new UniqueConstraintDefinition("uq_tasks_note", ["note", "status"])] })
            .Should().Equal("table tasks: unique constraint uq_tasks_note is uq_tasks_note(note, status), expected uq_tasks_note(note)");
    }

    [Test]
    public void CompareTo_UniqueConstraintMissing_ReportsConstraint()
    {
        Differences(t => t with { UniqueConstraints = [] })
            .Should().Equal("table tasks: unique constraint uq_tasks_note is missing");
    }

    [Test]
    public void CompareTo_UniqueConstraintUnexpected_ReportsConstraint()
    {
        Differences(t => t with { UniqueConstraints = [.. t.UniqueConstraints, new UniqueConstraintDefinition("uq_tasks_status", ["status"])] })
            .Should().Equal("table tasks: unique constraint uq_tasks_status is unexpected");
    }

    [Test]
    public void CompareTo_ForeignKeyAction_ReportsKeyWithBothDefinitions()
    {
        Differences(t => t with { ForeignKeys = [t.ForeignKeys[0] with { OnDelete = ReferentialAction.NoAction }] })
            .Should().Equal("table tasks: foreign key fk_tasks_agent_id_agents is (agent_id) -> agents(id) on delete NoAction on update NoAction, expected (agent_id) -> agents(id) on delete Cascade on update NoAction");
    }

    [Test]
    public void CompareTo_ForeignKeyPrincipal_ReportsKey()
    {
        Differences(t => t with { ForeignKeys = [t.ForeignKeys[0] with { PrincipalTable = new QualifiedName("agents", "app") }] })
            .Should().Equal("table tasks: foreign key fk_tasks_agent_id_agents is (agent_id) -> app.agents(id) on delete Cascade on update NoAction, expected (agent_id) -> agents(id) on delete Cascade on update NoAction");
    }

    [Test]
    public void CompareTo_ForeignKeyMissing_ReportsKey()
    {
        Differences(t => t with { ForeignKeys = [] })
            .Should().Equal("table tasks: foreign key fk_tasks_agent_id_agents is missing");
    }

    [Test]
    public void CompareTo_CheckExpression_ReportsCheck()
    {
        Differences(t => t with { CheckConstraints = [new CheckConstraintDefinition("ck_tasks_status", "status <> ''")] })
            .Should().Equal("table tasks: check constraint ck_tasks_status is status <> '', expected status IN ('idle', 'busy')");
    }

    [Test]
    public void CompareTo_CheckUnexpected_ReportsCheck()
    {
        Differences(t => t with { CheckConstraints = [.. t.CheckConstraints, new CheckConstraintDefinition("ck_other", "1 = 1")] })
            .Should().Equal("table tasks: check constraint ck_other is unexpected");
    }

    [Test]
    public void CompareTo_IndexUniqueness_ReportsIndex()
    {
        Differences(t => t with { Indexes = [t.Indexes[0] with { IsUnique = true }] })
            .Should().Equal("table tasks: index ix_tasks_agent_id is unique (agent_id), expected (agent_id)");
    }

    [Test]
    public void CompareTo_IndexFilter_ReportsIndex()
    {
        Differences(t => t with { Indexes = [t.Indexes[0] with { Filter = "note IS NULL" }] })
            .Should().Equal("table tasks: index ix_tasks_agent_id is (agent_id) where note IS NULL, expected (agent_id)");
    }

    [Test]
    public void CompareTo_IndexColumns_ReportsIndex()
    {
        Differences(t => t with { Indexes = [t.Indexes[0] with { Columns = ["agent_id", "status"] }] })
            .Should().Equal("table tasks: index ix_tasks_agent_id is (agent_id, status), expected (agent_id)");
    }

    [Test]
    public void CompareTo_IndexRenamed_ReportsMissingAndUnexpected()
    {
        Differences(t => t with { Indexes = [t.Indexes[0] with { Name = "tasks_agent_idx" }] })
            .Should().Equal("table tasks: index ix_tasks_agent_id is missing", "table tasks: index tasks_agent_idx is unexpected");
    }

    [Test]
    public void CompareTo_TriggerDefinition_ReportsTrigger()
    {
        Differences(t => t with { Triggers = [new TriggerSchema("trg_tasks", "CREATE TRIGGER trg_tasks AFTER INSERT ON tasks BEGIN SELECT 1; END")] })
            .Should().Equal("table tasks: trigger trg_tasks is CREATE TRIGGER trg_tasks AFTER INSERT ON tasks BEGIN SELECT 1; END, expected CREATE TRIGGER trg_tasks AFTER UPDATE ON tasks BEGIN SELECT 1; END");
    }

    [Test]
    public void CompareTo_TriggerMissing_ReportsTrigger()
    {
        Differences(t => t with { Triggers = [] })
            .Should().Equal("table tasks: trigger trg_tasks is missing");
    }

    [Test]
    public void CompareTo_ViewDefinition_ReportsView()
    {
        var actual = Schema(views: [new ViewSchema(new QualifiedName("busy_tasks"), "SELECT * FROM tasks")]);

        Schema().CompareTo(actual).Should().Equal("view busy_tasks is SELECT * FROM tasks, expected SELECT * FROM tasks WHERE status = 'busy'");
    }

    [Test]
    public void CompareTo_ViewMissing_ReportsView()
    {
        Schema().CompareTo(Schema(views: [])).Should().Equal("view busy_tasks is missing");
    }

    [Test]
    public void CompareTo_ViewUnexpected_ReportsQualifiedView()
    {
        var actual = Schema(views: [.. Schema().Views, new ViewSchema(new QualifiedName("idle", "app"), "SELECT 1")]);

        Schema().CompareTo(actual).Should().Equal("view app.idle is unexpected");
    }

    [Test]
    public void CompareTo_SeveralDifferences_ReportsEach()
    {
        var differences = Differences(t => WithColumn(t, "note", c => c with { StoreType = "VARCHAR(10)" }) with { Indexes = [], PrimaryKey = null });

        differences.Should().Equal(
            "table tasks: column note is VARCHAR(10) NULL, expected TEXT NULL",
            "table tasks: primary key is none, expected pk_tasks(id)",
            "table tasks: index ix_tasks_agent_id is missing");
    }

    [Test]
    public void CompareTo_Null_Throws()
    {
        var act = () => Schema().CompareTo(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("other");
    }

    [Test]
    public void Without_HistoryTables_LeavesThemOut()
    {
        var schema = Schema() with { Tables = [.. Schema().Tables, new TableSchema(new QualifiedName("__history"), [new ColumnSchema("version", "BIGINT")])] };

        schema.Without([new QualifiedName("__history")]).Tables.Select(t => t.Name.Name).Should().Equal("agents", "tasks");
    }

    [Test]
    public void Diff_SeveralDifferences_EachAsDataWithExpectedAndActual()
    {
        var differences = Schema().Diff(Schema(t => WithColumn(t, "note", c => c with { StoreType = "VARCHAR(10)" }) with { Indexes = [], UniqueConstraints = [.. t.UniqueConstraints, new UniqueConstraintDefinition("uq_tasks_status", ["status"])] }));

        differences.Should().Equal(
            new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.Column, Tasks, "note", "TEXT NULL", "VARCHAR(10) NULL"),
            new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.UniqueConstraint, Tasks, "uq_tasks_status", null, "uq_tasks_status(status)"),
            new SchemaDifference(SchemaDifferenceKind.Missing, SchemaObjectKind.Index, Tasks, "ix_tasks_agent_id", "(agent_id)", null));
    }

    [Test]
    public void Diff_MissingTableAndUnexpectedView_NameTheObjectKind()
    {
        var actual = new DatabaseSchema([Agents()]) { Views = [new ViewSchema(new QualifiedName("busy_tasks"), "SELECT * FROM tasks WHERE status = 'busy'"), new ViewSchema(new QualifiedName("idle"), "SELECT 1")] };

        var differences = Schema().Diff(actual);

        differences.Select(d => (d.Kind, d.ObjectKind, d.Name)).Should().Equal(
            (SchemaDifferenceKind.Missing, SchemaObjectKind.Table, "tasks"),
            (SchemaDifferenceKind.Unexpected, SchemaObjectKind.View, "idle"));
        differences.Select(d => d.ToString()).Should().Equal(Schema().CompareTo(actual), "the words are the data's own description");
    }
}
