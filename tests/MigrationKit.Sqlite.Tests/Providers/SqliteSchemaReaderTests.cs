using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>The reader on tables written by hand (not by the generator), with every way SQLite lets one declare things.</summary>
public sealed class SqliteSchemaReaderTests
{
    private SqliteTestDatabase _db = null!;

    [SetUp]
    public async Task SetUp() => _db = await SqliteTestDatabase.CreateAsync();

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public async Task ReadAsync_UnnamedConstraints_GetConventionalNames()
    {
        await _db.ExecuteSqlAsync("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
            CREATE TABLE child (
                a INT, b INT NOT NULL, parent_id INT REFERENCES parent, note TEXT CHECK (length(note) < 10),
                PRIMARY KEY (a, b), UNIQUE (a, note), CHECK (a <> b),
                FOREIGN KEY (b) REFERENCES parent (id) ON DELETE CASCADE)
            """);

        var schema = await _db.ReadAsync();

        var parent = schema.FindTable(new QualifiedName("parent"))!;
        parent.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_parent", ["id"]));
        parent.UniqueConstraints.Should().BeEquivalentTo([new UniqueConstraintDefinition("uq_parent_code", ["code"])]);
        parent.Columns[0].Should().BeEquivalentTo(new ColumnSchema("id", "INTEGER") { IsNullable = true, IsIdentity = false });
        var child = schema.FindTable(new QualifiedName("child"))!;
        child.Columns.Select(c => (c.Name, c.StoreType, c.IsNullable)).Should().Equal(("a", "INT", true), ("b", "INT", false), ("parent_id", "INT", true), ("note", "TEXT", true));
        child.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk_child", ["a", "b"]));
        child.UniqueConstraints.Should().BeEquivalentTo([new UniqueConstraintDefinition("uq_child_a_note", ["a", "note"])]);
        child.ForeignKeys.Should().BeEquivalentTo(
        [
            new ForeignKeyDefinition("fk_child_parent_id_parent", ["parent_id"], new QualifiedName("parent"), ["id"]),
            new ForeignKeyDefinition("fk_child_b_parent", ["b"], new QualifiedName("parent"), ["id"]) { OnDelete = ReferentialAction.Cascade },
        ]);
        child.CheckConstraints.Should().BeEquivalentTo([new CheckConstraintDefinition("ck_child_1", "length(note) < 10"), new CheckConstraintDefinition("ck_child_2", "a <> b")]);
        child.Indexes.Should().BeEmpty("indexes backing keys and unique constraints are not indexes of their own");
    }

    [Test]
    public async Task ReadAsync_ObjectKindsSqliteDoesNotHave_AreEmpty()
    {
        await _db.ExecuteSqlAsync("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT); CREATE VIEW tv AS SELECT v FROM t; INSERT INTO t (v) VALUES ('a')");

        var schema = await _db.ReadAsync();

        schema.Tables.Select(t => t.Name.Name).Should().Equal("t");
        schema.Views.Should().ContainSingle();
        schema.PartitionedTables.Should().BeEmpty();
        schema.MaterializedViews.Should().BeEmpty();
        schema.EnumTypes.Should().BeEmpty();
        schema.Domains.Should().BeEmpty();
        schema.Sequences.Should().BeEmpty("sqlite_sequence is SQLite's own bookkeeping of AUTOINCREMENT, not a sequence");
        schema.Diff(await _db.ReadAsync()).Should().BeEmpty();
    }

    [Test]
    public async Task ReadAsync_NamedConstraintsWithQuotedNames_KeepsNamesAndActions()
    {
        await _db.ExecuteSqlAsync(""""
            CREATE TABLE "t" (
                "id" INTEGER CONSTRAINT "pk t" PRIMARY KEY AUTOINCREMENT,
                [e mail] TEXT NOT NULL CONSTRAINT `uq``mail` UNIQUE,
                qty INT CONSTRAINT ck_qty CHECK (qty > 0) DEFAULT 1,
                p INT CONSTRAINT fk_p REFERENCES t (id) ON DELETE SET DEFAULT ON UPDATE RESTRICT,
                CONSTRAINT "ck ""two""" CHECK ( qty < 100 ))
            """");

        var table = (await _db.ReadAsync()).FindTable(new QualifiedName("t"))!;

        table.PrimaryKey.Should().BeEquivalentTo(new PrimaryKeyDefinition("pk t", ["id"]));
        table.FindColumn("id")!.IsIdentity.Should().BeTrue();
        table.UniqueConstraints.Should().BeEquivalentTo([new UniqueConstraintDefinition("uq`mail", ["e mail"])]);
        table.CheckConstraints.Should().BeEquivalentTo([new CheckConstraintDefinition("ck_qty", "qty > 0"), new CheckConstraintDefinition("ck \"two\"", "qty < 100")]);
        table.ForeignKeys.Should().BeEquivalentTo([new ForeignKeyDefinition("fk_p", ["p"], new QualifiedName("t"), ["id"]) { OnDelete = ReferentialAction.SetDefault, OnUpdate = ReferentialAction.Restrict }]);
        table.FindColumn("qty")!.DefaultSql.Should().Be("1");
        table.FindColumn("p")!.DefaultSql.Should().BeNull("SET DEFAULT is a foreign key action, not a default");
    }

    [Test]
    public async Task ReadAsync_Defaults_AreReadExactlyAsWritten()
    {
        await _db.ExecuteSqlAsync("CREATE TABLE d (a INT DEFAULT (1 +  2), b INT DEFAULT -5, c TEXT DEFAULT 'it''s', d TEXT DEFAULT CURRENT_TIMESTAMP, e BLOB DEFAULT X'00FF', f REAL DEFAULT 1.5e+3, g TEXT DEFAULT NULL, h INT)");

        var table = (await _db.ReadAsync()).FindTable(new QualifiedName("d"))!;

        // pragma_table_xinfo would report "1 +  2": the parentheses SQLite requires come from the CREATE TABLE text.
        table.Columns.Select(c => c.DefaultSql).Should().Equal("(1 +  2)", "-5", "'it''s'", "CURRENT_TIMESTAMP", "X'00FF'", "1.5e+3", "NULL", null);
    }

    [Test]
    public async Task ReadAsync_IntegerPrimaryKeyWithoutAutoincrement_IsNotIdentity()
    {
        await _db.ExecuteSqlAsync("CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT)");

        var schema = await _db.ReadAsync();

        schema.FindTable(new QualifiedName("a"))!.FindColumn("id")!.IsIdentity.Should().BeFalse();
        schema.FindTable(new QualifiedName("b"))!.FindColumn("id")!.IsIdentity.Should().BeTrue();
    }

    [Test]
    public async Task ReadAsync_Indexes_ReadsColumnsUniquenessPredicatesAndExpressions()
    {
        await _db.ExecuteSqlAsync("""
            CREATE TABLE t (a INT, b TEXT, c TEXT UNIQUE);
            CREATE INDEX ix_ab ON t (a, b DESC);
            CREATE UNIQUE INDEX "ux b" ON t (b) WHERE b IS NOT NULL AND a > 0;
            CREATE INDEX ix_expr ON t (lower(b), a);
            CREATE INDEX ix_col_expr ON t (a, (b || 'x'))
            """);

        var table = (await _db.ReadAsync()).FindTable(new QualifiedName("t"))!;

        table.Indexes.Should().BeEquivalentTo(
        [
            // A key's direction (and collation) is kept beside it; the statement as written travels with the index.
            new IndexDefinition("ix_ab", ["a", "b"]) { KeyOptions = ["", "DESC"], Definition = "CREATE INDEX ix_ab ON t (a, b DESC)" },
            new IndexDefinition("ux b", ["b"]) { IsUnique = true, Filter = "b IS NOT NULL AND a > 0", Definition = "CREATE UNIQUE INDEX \"ux b\" ON t (b) WHERE b IS NOT NULL AND a > 0" },
            // An expression first: every key is kept as an expression, in order.
            new IndexDefinition("ix_expr", []) { Expressions = ["lower(b)", "a"], Definition = "CREATE INDEX ix_expr ON t (lower(b), a)" },
            new IndexDefinition("ix_col_expr", ["a"]) { Expressions = ["b || 'x'"], Definition = "CREATE INDEX ix_col_expr ON t (a, (b || 'x'))" },
        ]);
        table.UniqueConstraints.Should().BeEquivalentTo([new UniqueConstraintDefinition("uq_t_c", ["c"])]);
    }

    [Test]
    public async Task ReadAsync_TriggersAndViews_AreReadVerbatimWithViewTriggersInTheViewDefinition()
    {
        const string Trigger = "CREATE TRIGGER t_touch AFTER INSERT ON t BEGIN UPDATE t SET b = 'x' WHERE a = NEW.a; END";
        const string View = "CREATE VIEW v AS SELECT a, b FROM t";
        const string ViewTrigger = "CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN INSERT INTO t (a, b) VALUES (NEW.a, NEW.b); END";
        await _db.ExecuteSqlAsync($"CREATE TABLE t (a INT, b TEXT); {Trigger}; {View}; {ViewTrigger}");

        var schema = await _db.ReadAsync();

        schema.FindTable(new QualifiedName("t"))!.Triggers.Should().BeEquivalentTo([new TriggerSchema("t_touch", Trigger)]);
        schema.Views.Should().BeEquivalentTo([new ViewSchema(new QualifiedName("v"), View + ";\n" + ViewTrigger)]);
    }

    [Test]
    public async Task ReadAsync_InternalVirtualAndShadowTables_AreLeftOut()
    {
        await _db.ExecuteSqlAsync("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO t DEFAULT VALUES; CREATE VIRTUAL TABLE docs USING fts5(body)");

        var schema = await _db.ReadAsync();

        (await _db.ScalarAsync("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'")).Should().Be(8L, "t, sqlite_sequence, docs and five shadow tables exist");
        schema.Tables.Select(t => t.Name.Name).Should().Equal("t");
    }

    [Test]
    public async Task ReadAsync_InsideTransaction_SeesUncommittedChanges()
    {
        _db.Session.Transaction = await _db.Provider.BeginTransactionAsync(_db.Session);
        await _db.ExecuteSqlAsync("CREATE TABLE pending (x INT)");

        var schema = await _db.ReadAsync();
        var exists = await _db.Provider.SchemaReader.TableExistsAsync(_db.Session, new QualifiedName("pending"));

        await _db.Session.Transaction.RollbackAsync();
        _db.Session.Transaction = null;
        schema.Tables.Select(t => t.Name.Name).Should().Equal("pending");
        exists.Should().BeTrue();
        (await _db.ReadAsync()).Tables.Should().BeEmpty();
    }

    [TestCase("items", true)]
    [TestCase("ITEMS", true)]
    [TestCase("items_view", false)]
    [TestCase("missing", false)]
    public async Task TableExistsAsync_Name_ComparesLikeSqlite(string name, bool exists)
    {
        await _db.ExecuteSqlAsync("CREATE TABLE items (x INT); CREATE VIEW items_view AS SELECT x FROM items");

        var found = await _db.Provider.SchemaReader.TableExistsAsync(_db.Session, new QualifiedName(name, "ignored_schema"));

        found.Should().Be(exists);
    }

    [Test]
    public async Task ReadTablesAsync_SomeTables_ReadsOnlyThoseExactlyAsTheFullRead()
    {
        await _db.ExecuteSqlAsync("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
            CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent, note TEXT CHECK (length(note) < 10));
            CREATE INDEX ix_child_note ON child (note) WHERE note IS NOT NULL;
            CREATE TRIGGER tr_child AFTER INSERT ON child BEGIN SELECT 1; END;
            CREATE TABLE other (x INT);
            """);
        var full = await _db.ReadAsync();

        var partial = await _db.Provider.SchemaReader.ReadTablesAsync(_db.Session, [new QualifiedName("CHILD"), new QualifiedName("child"), new QualifiedName("missing")]);

        partial.Tables.Should().ContainSingle();
        partial.Tables[0].Should().BeEquivalentTo(full.FindTable(new QualifiedName("child")), "a partial read sees a table as the full read does, including a reference to a table outside it");
        partial.Tables[0].ForeignKeys[0].PrincipalColumns.Should().Equal("id");
    }

    [Test]
    public async Task ReadTablesAsync_NameWithQuotesAndBrackets_IsMatchedLiterally()
    {
        await _db.ExecuteSqlAsync("""CREATE TABLE "a'b"")[c" (x INT); CREATE TABLE ab (y INT)""");

        var partial = await _db.Provider.SchemaReader.ReadTablesAsync(_db.Session, [new QualifiedName("a'b\")[c")]);

        partial.Tables.Select(t => t.Name.Name).Should().Equal("a'b\")[c");
    }

    [Test]
    public async Task ReadAsync_TempTableWithTheSameName_ReadsTheMainTable()
    {
        await _db.ExecuteSqlAsync("""
            CREATE TABLE t (id INTEGER PRIMARY KEY, p INT REFERENCES t (id), name TEXT UNIQUE);
            CREATE INDEX ix_t ON t (p);
            CREATE TEMP TABLE t (x INT);
            CREATE INDEX temp.ix_temp ON t (x);
            """);

        var full = (await _db.ReadAsync()).FindTable(new QualifiedName("t"))!;
        var partial = (await _db.Provider.SchemaReader.ReadTablesAsync(_db.Session, [new QualifiedName("t")])).Tables.Single();

        foreach (var table in new[] { full, partial })
        {
            table.Columns.Select(c => c.Name).Should().Equal("id", "p", "name");
            table.Indexes.Select(i => i.Name).Should().Equal("ix_t");
            table.ForeignKeys.Should().ContainSingle().Which.PrincipalColumns.Should().Equal("id");
        }
    }

    [Test]
    public async Task ReadTableColumnsAsync_SomeTables_ReadsTheirColumnsAsTheFullReadDoes()
    {
        await _db.ExecuteSqlAsync("""
            CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, total INT GENERATED ALWAYS AS (id * 2) VIRTUAL);
            CREATE VIEW parent_view AS SELECT id FROM parent;
            CREATE TABLE other (x INT);
            CREATE TEMP TABLE temp_only (y INT);
            """);
        var full = await _db.ReadAsync();

        var columns = await _db.Provider.SchemaReader.ReadTableColumnsAsync(_db.Session, [new QualifiedName("PARENT"), new QualifiedName("parent_view"), new QualifiedName("temp_only"), new QualifiedName("missing")]);

        columns.Tables.Should().ContainSingle("views, temporary tables and missing names are not main tables").Which.Name.Should().Be(new QualifiedName("parent"), "each table comes with its own spelling");
        columns.Tables[0].Columns.Select(c => (c.Name, c.StoreType, c.IsNullable)).Should().Equal(full.FindTable(new QualifiedName("parent"))!.Columns.Select(c => (c.Name, c.StoreType, c.IsNullable)));
    }
}
