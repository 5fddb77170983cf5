using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;

namespace MigrationKit.Sqlite.Tests.Providers;

public sealed class SqliteSqlGeneratorTests
{
    private readonly SqliteSqlGenerator _generator = new();

    public static IEnumerable<TestCaseData> StoreTypes()
    {
        TestCaseData Case(string name, Action<ColumnBuilder> type, string expected) => new TestCaseData(type, expected).SetArgDisplayNames(name);
        yield return Case("Int16", c => c.AsInt16(), "INTEGER");
        yield return Case("Int32", c => c.AsInt32(), "INTEGER");
        yield return Case("Int64", c => c.AsInt64(), "INTEGER");
        yield return Case("Boolean", c => c.AsBoolean(), "INTEGER");
        yield return Case("Double", c => c.AsDouble(), "REAL");
        yield return Case("Decimal", c => c.AsDecimal(18, 4), "TEXT");
        yield return Case("String", c => c.AsString(100), "TEXT");
        yield return Case("Text", c => c.AsText(), "TEXT");
        yield return Case("Date", c => c.AsDate(), "TEXT");
        yield return Case("DateTime", c => c.AsDateTime(), "TEXT");
        yield return Case("DateTimeOffset", c => c.AsDateTimeOffset(), "TEXT");
        yield return Case("Guid", c => c.AsGuid(), "TEXT");
        yield return Case("Json", c => c.AsJson(), "TEXT");
        yield return Case("Binary", c => c.AsBinary(16), "BLOB");
        yield return Case("Custom", c => c.AsCustom("NUMERIC(10, 2)"), "NUMERIC(10, 2)");
    }

    public static IEnumerable<TestCaseData> Literals()
    {
        yield return new TestCaseData(true, "1");
        yield return new TestCaseData(false, "0");
        yield return new TestCaseData(new byte[] { 0x00, 0xAB, 0x10 }, "X'00AB10'");
        yield return new TestCaseData(1.50m, "'1.5'");
        yield return new TestCaseData(2m, "'2.0'");
        yield return new TestCaseData("it's", "'it''s'");
        yield return new TestCaseData(null, "NULL");
        yield return new TestCaseData(-42L, "-42");
        yield return new TestCaseData(new DateTime(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc), "'2026-11-22 09:30:00'");
    }

    public static IEnumerable<TestCaseData> RefusedOperations()
    {
        TestCaseData Case(string name, Action<MigrationBuilder> migration, string problem) => new TestCaseData(migration, problem).SetArgDisplayNames(name);
        yield return Case("alter a missing column", m => m.AlterColumn("t", "nope", c => c.AsText()), "table t has no column \"nope\" (its columns are id, qty, note, code)");
        yield return Case("drop a missing column", m => m.DropColumn("t", "nope"), "table t has no column \"nope\"");
        yield return Case("add an existing column", m => m.AddColumn("t", "qty", c => c.AsInt32()), "table t already has a column \"qty\"");
        yield return Case("drop a column a check uses", m => m.DropColumn("t", "qty"), "check constraint \"ck_t_positive\" uses the column; drop the check first");
        yield return Case("drop a column an index predicate uses", m => m.DropColumn("t", "note"), "the predicate of index \"ix_t_code\" uses the column; drop the index first");
        yield return Case("add a second primary key", m => m.AddPrimaryKey("t", "code"), "table t already has primary key \"pk_t\"");
        yield return Case("drop the primary key by a wrong name", m => m.DropPrimaryKey("t", "pk_other"), "the primary key of table t is named \"pk_t\"");
        yield return Case("drop an unknown unique constraint", m => m.DropUniqueConstraint("t", "uq_nope"), "table t has no unique constraint named \"uq_nope\" (it has uq_t_code)");
        yield return Case("drop an unknown foreign key", m => m.DropForeignKey("t", "fk_nope"), "table t has no foreign key named \"fk_nope\" (it has none)");
        yield return Case("drop an unknown check", m => m.DropCheckConstraint("t", "ck_nope"), "table t has no check constraint named \"ck_nope\" (it has ck_t_positive)");
        yield return Case("add a check with a taken name", m => m.AddCheckConstraint("t", "positive", "qty > 1"), "table t already has a check constraint named \"ck_t_positive\"");
    }

    [TestCaseSource(nameof(StoreTypes))]
    public void StoreType_Kind_MapsToSqliteType(Action<ColumnBuilder> type, string expected)
    {
        var column = ((AddColumnOperation)SqliteTestDatabase.Operation(m => m.AddColumn("t", "c", type))).Column;

        _generator.StoreType(column.Type).Should().Be(expected);
    }

    [TestCaseSource(nameof(Literals))]
    public void Literal_Value_WritesSqliteLiteral(object? value, string expected) => _generator.Literal(value).Should().Be(expected);

    [Test]
    public void DefaultSql_EachForm_WritesWhatSqliteAccepts()
    {
        ColumnDefault Default(Action<ColumnBuilder> define) =>
            ((AddColumnOperation)SqliteTestDatabase.Operation(m => m.AddColumn("t", "c", c => define(c.AsText())))).Column.Default!;

        _generator.DefaultSql(Default(c => c.Default("x"))).Should().Be("'x'");
        _generator.DefaultSql(Default(c => c.Default(true))).Should().Be("1");
        _generator.DefaultSql(Default(c => c.DefaultSql(SqlExpression.CurrentTimestamp))).Should().Be("CURRENT_TIMESTAMP");
        _generator.DefaultSql(Default(c => c.DefaultSql(SqlExpression.Raw("lower('A')")))).Should().Be("(lower('A'))");
    }

    [Test]
    public void Quote_SchemaQualifiedName_IgnoresSchema() =>
        _generator.Quote(new QualifiedName("my \"table\"", "app")).Should().Be("\"my \"\"table\"\"\"");

    [Test]
    public async Task GenerateAsync_CreateOrDropSchema_WritesNothing()
    {
        var context = new ReplaySqliteSchemaContext(_generator, DatabaseSchema.Empty);

        (await _generator.GenerateAsync(new CreateSchemaOperation("app"), context)).Should().BeEmpty();
        (await _generator.GenerateAsync(new DropSchemaOperation("app"), context)).Should().BeEmpty();
    }

    [Test]
    public async Task GenerateAsync_CreateTableWithIdentityKey_WritesAutoincrementKeyInline()
    {
        var operation = SqliteTestDatabase.Operation(m => m.InSchema("app").CreateTable("events", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("kind").AsString(20).NotNull().Default("x");
            t.Column("owner_id").AsInt64().Nullable().References("owners", onDelete: ReferentialAction.SetNull);
            t.Check("kind", "kind <> ''");
        }));

        // The referenced table exists: the generator refuses a foreign key to a missing one.
        var owners = new DatabaseSchema([new TableSchema(new QualifiedName("owners"), [new ColumnSchema("id", "INTEGER")])]);
        var sql = await _generator.GenerateAsync(operation, new ReplaySqliteSchemaContext(_generator, owners));

        sql.Should().Equal("""
            CREATE TABLE "events" (
                "id" INTEGER NOT NULL CONSTRAINT "pk_events" PRIMARY KEY AUTOINCREMENT,
                "kind" TEXT NOT NULL DEFAULT 'x',
                "owner_id" INTEGER,
                CONSTRAINT "fk_events_owner_id_owners" FOREIGN KEY ("owner_id") REFERENCES "owners" ("id") ON DELETE SET NULL,
                CONSTRAINT "ck_events_kind" CHECK (kind <> '')
            )
            """.ReplaceLineEndings("\n"));
    }

    [Test]
    public async Task GenerateAsync_CompositeKeyTable_WritesTableLevelKey()
    {
        var operation = SqliteTestDatabase.Operation(m => m.CreateTable("pairs", t =>
        {
            t.Column("a").AsInt32();
            t.Column("b").AsInt32();
            t.PrimaryKey("a", "b");
        }));

        var sql = await _generator.GenerateAsync(operation, new ReplaySqliteSchemaContext(_generator, DatabaseSchema.Empty));

        sql.Should().ContainSingle().Which.Should().Contain("CONSTRAINT \"pk_pairs\" PRIMARY KEY (\"a\", \"b\")").And.NotContain("AUTOINCREMENT");
    }

    [Test]
    public async Task GenerateAsync_IdentityOutsideASingleColumnKey_ThrowsNotSupported()
    {
        var context = new ReplaySqliteSchemaContext(_generator, DatabaseSchema.Empty);
        var composite = SqliteTestDatabase.Operation(m => m.CreateTable("t", t =>
        {
            t.Column("id").AsInt64().Identity();
            t.Column("part").AsInt32();
            t.PrimaryKey("id", "part");
        }));
        var unkeyed = SqliteTestDatabase.Operation(m => m.CreateTable("t", t => t.Column("id").AsInt64().Identity()));

        var createComposite = () => _generator.GenerateAsync(composite, context).AsTask();
        var createUnkeyed = () => _generator.GenerateAsync(unkeyed, context).AsTask();

        await createComposite.Should().ThrowAsync<NotSupportedException>().WithMessage("Table t: Column \"id\" is an identity column, but SQLite generates values only for a table's single-column INTEGER PRIMARY KEY*");
        await createUnkeyed.Should().ThrowAsync<NotSupportedException>().WithMessage("*single-column INTEGER PRIMARY KEY*");
    }

    [Test]
    public async Task GenerateAsync_AddColumn_UsesAlterTableOnlyWhereSqliteCan()
    {
        var context = new ReplaySqliteSchemaContext(_generator, Schema(m => m.CreateTable("t", t => t.Column("id").AsInt64().PrimaryKey())));
        Task<IReadOnlyList<string>> Add(Action<ColumnBuilder> column) =>
            _generator.GenerateAsync(SqliteTestDatabase.Operation(m => m.AddColumn("t", "c", column)), context).AsTask();

        (await Add(c => c.AsText().Nullable())).Should().Equal("ALTER TABLE \"t\" ADD COLUMN \"c\" TEXT");
        (await Add(c => c.AsInt32().NotNull().Default(5))).Should().Equal("ALTER TABLE \"t\" ADD COLUMN \"c\" INTEGER NOT NULL DEFAULT 5");
        (await Add(c => c.AsInt32().NotNull())).Should().Contain("INSERT INTO \"t\" (\"id\") SELECT \"id\" FROM \"__migrationkit_old_t\"");
        (await Add(c => c.AsInt32().NotNull().Default(null))).Should().HaveCountGreaterThan(1);
        (await Add(c => c.AsDateTime().Nullable().DefaultSql(SqlExpression.CurrentTimestamp))).Should().HaveCountGreaterThan(1);
        (await Add(c => c.AsText().Nullable().DefaultSql(SqlExpression.Raw("'a' || 'b'")))).Should().HaveCountGreaterThan(1);
        var addIdentity = () => Add(c => c.AsInt64().Identity());
        await addIdentity.Should().ThrowAsync<NotSupportedException>().WithMessage("*identity column*");
    }

    [Test]
    public async Task GenerateCommandsAsync_Rebuild_EveryCommandRewritesTheTableWithTheSameSqlAsGenerateAsync()
    {
        var context = new ReplaySqliteSchemaContext(_generator, Schema(m => m.CreateTable("t", t => t.Column("id").AsInt64().PrimaryKey())));
        var rebuild = SqliteTestDatabase.Operation(m => m.AddColumn("t", "c", c => c.AsInt32().NotNull()));
        var native = SqliteTestDatabase.Operation(m => m.AddColumn("t", "c", c => c.AsText().Nullable()));

        var rebuilt = await _generator.GenerateCommandsAsync(rebuild, context);
        var added = await _generator.GenerateCommandsAsync(native, context);

        rebuilt.Select(c => c.Sql).Should().Equal(await _generator.GenerateAsync(rebuild, context));
        rebuilt.Should().HaveCountGreaterThan(1).And.OnlyContain(c => c.RewritesTable && c.Transactional && c.LockLevel == null && !c.Destructive);
        added.Should().ContainSingle().Which.RewritesTable.Should().BeFalse("SQLite adds a nullable column in place");
        added[0].Tables.Should().Equal(new QualifiedName("t"));
    }

    [Test]
    public async Task GenerateCommandsAsync_ConcurrentIndexOrDroppedColumn_TransactionalAndDestructiveAsOnSqlite()
    {
        var context = new ReplaySqliteSchemaContext(_generator, Schema(m => m.CreateTable("t", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("note").AsText().Nullable();
        })));

        var index = await _generator.GenerateCommandsAsync(SqliteTestDatabase.Operation(m => m.CreateIndex("t", "note").Concurrently()), context);
        var drop = await _generator.GenerateCommandsAsync(SqliteTestDatabase.Operation(m => m.DropColumn("t", "note")), context);

        index.Should().ContainSingle().Which.Transactional.Should().BeTrue("SQLite has no CONCURRENTLY, so the index is built in the migration's transaction");
        drop.Should().ContainSingle().Which.Destructive.Should().BeTrue();
        drop[0].RewritesTable.Should().BeFalse("an unconstrained column is dropped with ALTER TABLE");
    }

    [Test]
    public async Task GenerateAsync_DropColumn_UsesAlterTableUnlessTheColumnIsConstrained()
    {
        var context = new ReplaySqliteSchemaContext(_generator, Schema(m =>
        {
            m.CreateTable("t", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("free").AsText().Nullable();
                t.Column("indexed").AsText().Nullable();
                t.Column("unique").AsText().Nullable().Unique();
                t.Column("ref").AsInt64().Nullable().References("t");
            });
            m.CreateIndex("t", "indexed");
        }));
        Task<IReadOnlyList<string>> Drop(string column) => _generator.GenerateAsync(new DropColumnOperation(new QualifiedName("t"), column), context).AsTask();

        (await Drop("free")).Should().Equal("ALTER TABLE \"t\" DROP COLUMN \"free\"");
        foreach (var constrained in new[] { "id", "indexed", "unique", "ref" })
        {
            (await Drop(constrained)).Should().Contain("ALTER TABLE \"t\" RENAME TO \"__migrationkit_old_t\"", "{0} is constrained", constrained);
        }
    }

    [Test]
    public async Task GenerateAsync_IndexesInSchema_IgnoreSchema()
    {
        var context = new ReplaySqliteSchemaContext(_generator, DatabaseSchema.Empty);

        (await _generator.GenerateAsync(SqliteTestDatabase.Operation(m => m.InSchema("app").DropIndex("t", "ix_t_a")), context)).Should().Equal("DROP INDEX \"ix_t_a\"");
        (await _generator.GenerateAsync(SqliteTestDatabase.Operation(m => m.InSchema("app").CreateIndex("t", "a").Unique().Where("a > 0")), context))
            .Should().Equal("CREATE UNIQUE INDEX \"ix_t_a\" ON \"t\" (\"a\") WHERE a > 0");
    }

    [TestCase("remark", "ALTER TABLE \"t\" RENAME COLUMN \"note\" TO remark")]
    [TestCase("_x1", "ALTER TABLE \"t\" RENAME COLUMN \"note\" TO _x1")]
    [TestCase("order", "ALTER TABLE \"t\" RENAME COLUMN \"note\" TO \"order\"")]
    [TestCase("my col", "ALTER TABLE \"t\" RENAME COLUMN \"note\" TO \"my col\"")]
    [TestCase("1st", "ALTER TABLE \"t\" RENAME COLUMN \"note\" TO \"1st\"")]
    [TestCase("名前", "ALTER TABLE \"t\" RENAME COLUMN \"note\" TO \"名前\"")]
    public async Task GenerateAsync_RenameColumn_QuotesNewNameOnlyWhenNeeded(string newName, string expected)
    {
        var sql = await _generator.GenerateAsync(new RenameColumnOperation(new QualifiedName("t", "app"), "note", newName), new ReplaySqliteSchemaContext(_generator, DatabaseSchema.Empty));

        sql.Should().Equal(expected);
    }

    [Test]
    public async Task GenerateAsync_RenameTable_QuotesNewName() =>
        (await _generator.GenerateAsync(new RenameTableOperation(new QualifiedName("t"), "u"), new ReplaySqliteSchemaContext(_generator, DatabaseSchema.Empty)))
            .Should().Equal("ALTER TABLE \"t\" RENAME TO \"u\"");

    [Test]
    public async Task GenerateAsync_Rebuild_RenamesAsideRecreatesFromTheEditedStatementAndCopies()
    {
        var tables = Schema(m =>
        {
            m.CreateTable("t", t =>
            {
                t.Column("id").AsInt64().Identity().PrimaryKey();
                t.Column("a").AsInt32().NotNull();
                t.Column("b").AsText().Nullable();
            });
            m.CreateTable("log", t => t.Column("line").AsText());
            m.CreateIndex("t", "b").Where("b IS NOT NULL");
        });
        var schema = tables with
        {
            Tables = tables.Tables.Select(t => t with
            {
                Triggers = [new TriggerSchema(t.Name.Name + "_trigger", $"CREATE TRIGGER {t.Name.Name}_trigger AFTER INSERT ON {t.Name.Name} BEGIN SELECT 1 FROM t; END")],
            }).ToArray(),
            Views = [new ViewSchema(new QualifiedName("v"), "CREATE VIEW v AS SELECT a FROM t")],
        };
        var operation = SqliteTestDatabase.Operation(m => m.AlterColumn("t", "a", c => c.AsInt64().NotNull().Default(0)));

        var sql = await _generator.GenerateAsync(operation, new ReplaySqliteSchemaContext(_generator, schema));

        // The table is renamed aside (with legacy_alter_table on, so that other tables' triggers and views keep naming
        // "t"), recreated from its own statement with only the altered column edited, and refilled; its own index and
        // trigger come back from their statements. Other tables' triggers and the view are not touched.
        sql.Should().Equal(
            "PRAGMA legacy_alter_table = ON",
            "ALTER TABLE \"t\" RENAME TO \"__migrationkit_old_t\"",
            "PRAGMA legacy_alter_table = OFF",
            "CREATE TABLE \"t\" (\n    \"id\" INTEGER NOT NULL CONSTRAINT \"pk_t\" PRIMARY KEY AUTOINCREMENT,\n    \"a\" INTEGER NOT NULL DEFAULT 0,\n    \"b\" TEXT\n)",
            "INSERT INTO \"t\" (\"id\", \"a\", \"b\") SELECT \"id\", \"a\", \"b\" FROM \"__migrationkit_old_t\"",
            "DELETE FROM sqlite_sequence WHERE name = 't'",
            "UPDATE sqlite_sequence SET name = 't' WHERE name = '__migrationkit_old_t'",
            "DROP TABLE \"__migrationkit_old_t\"",
            "CREATE INDEX \"ix_t_b\" ON \"t\" (\"b\") WHERE b IS NOT NULL",
            "CREATE TRIGGER t_trigger AFTER INSERT ON t BEGIN SELECT 1 FROM t; END");
    }

    [Test]
    public async Task GenerateAsync_RebuildOfMissingTable_ThrowsNamingIt()
    {
        var act = () => _generator.GenerateAsync(SqliteTestDatabase.Operation(m => m.AddCheckConstraint("ghost", "c", "1")), new ReplaySqliteSchemaContext(_generator, DatabaseSchema.Empty)).AsTask();

        await act.Should().ThrowAsync<MigrationKitException>().WithMessage("Cannot add check constraint ck_ghost_c to ghost: table ghost does not exist in the SQLite database. Create it first, or check the table name.");
    }

    [TestCaseSource(nameof(RefusedOperations))]
    public async Task GenerateAsync_RebuildThatCannotWork_ThrowsWithTheReason(Action<MigrationBuilder> migration, string problem)
    {
        var context = new ReplaySqliteSchemaContext(_generator, Schema(m =>
        {
            m.CreateTable("t", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("qty").AsInt32();
                t.Column("note").AsText().Nullable();
                t.Column("code").AsString(10).Unique();
                t.Check("positive", "qty > 0");
            });
            m.CreateIndex("t", "code").Where("note IS NOT NULL");
        }));

        var act = () => _generator.GenerateAsync(SqliteTestDatabase.Operation(migration), context).AsTask();

        await act.Should().ThrowAsync<MigrationKitException>().WithMessage("Cannot *: " + problem + "*");
    }

    [Test]
    public void Generate_OperationThatNeedsARebuild_ThrowsPointingToGenerateAsync()
    {
        var operations = SqliteTestDatabase.Operations(m =>
        {
            m.AlterColumn("t", "a", c => c.AsText());
            m.AddPrimaryKey("t", "a");
            m.AddUniqueConstraint("t", "a");
            m.AddForeignKey("t", ["a"], "p", ["id"]);
            m.AddCheckConstraint("t", "c", "a > 0");
            m.DropForeignKey("t", "fk");
        });

        foreach (var operation in operations)
        {
            var act = () => _generator.Generate(operation);
            act.Should().Throw<NotSupportedException>().WithMessage("SQLite has no ALTER TABLE statement to *; MigrationKit rebuilds the table instead*GenerateAsync*");
        }
    }

    [Test]
    public void Apply_OperationsInSchema_PredictsTablesWithoutSchema()
    {
        var schema = Schema(m =>
        {
            var app = m.InSchema("app");
            app.CreateTable("p", t => t.Column("id").AsInt64().PrimaryKey());
            app.CreateTable("c", t => t.Column("p_id").AsInt64().References("p", schema: "app"));
            app.AddColumn("c", "note", c => c.AsText().Nullable());
        });

        schema.Tables.Select(t => t.Name).Should().Equal(new QualifiedName("p"), new QualifiedName("c"));
        schema.FindTable(new QualifiedName("c"))!.Columns.Select(c => c.Name).Should().Equal("p_id", "note");
        schema.FindTable(new QualifiedName("c"))!.ForeignKeys.Single().PrincipalTable.Should().Be(new QualifiedName("p"));
    }

    private DatabaseSchema Schema(Action<MigrationBuilder> migration) =>
        SqliteTestDatabase.Operations(migration).Aggregate(DatabaseSchema.Empty, _generator.Apply);
}
