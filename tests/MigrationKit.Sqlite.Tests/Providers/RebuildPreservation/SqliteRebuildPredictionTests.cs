using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Sqlite.Tests.Providers.RebuildPreservation;

/// <summary>
/// The dry run predicts the statements SQLite keeps, so that a rebuild planned from the prediction is the rebuild the
/// run makes; and a model without statements (another provider's, say) still rebuilds with everything the model holds.
/// </summary>
public sealed class SqliteRebuildPredictionTests
{
    [Test]
    public async Task Apply_NativeAndRebuiltChanges_PredictsTheStatementsSqliteKeeps()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE, note TEXT, CHECK (length(name) > 0)) STRICT; CREATE INDEX ix_name ON t(name DESC)");
        var operations = SqliteTestDatabase.Operations(m =>
        {
            m.AddColumn("t", "extra", c => c.AsText().Nullable());
            m.AlterColumn("t", "note", c => c.AsText().NotNull().Default("-"));
            m.AddCheckConstraint("t", "ck_note", "note <> ''");
            m.DropColumn("t", "extra");
            m.CreateIndex("t", "note");
            m.RenameColumn("t", "note", "remark");
            m.AddColumn("t", "required", c => c.AsInt32().NotNull());
            m.DropCheckConstraint("t", "ck_t_ck_note");
        });
        var predicted = await db.ReadAsync();

        foreach (var operation in operations)
        {
            await db.InTransactionAsync(() => db.ExecuteAsync(operation));
            predicted = db.Generator.Apply(predicted, operation);

            Statements(predicted).Should().Equal(Statements(await db.ReadAsync()), "after '{0}' the prediction holds the statements SQLite keeps", operation.Describe());
        }

        Statements(predicted).Should().Contain("t: CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE, remark TEXT NOT NULL DEFAULT '-', \"required\" INTEGER NOT NULL, CHECK (length(name) > 0)) STRICT");
    }

    [Test]
    public async Task GenerateAsync_RebuildOfAModelWithoutStatements_WritesCollationGeneratedColumnsOptionsAndKeyOptions()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        var table = new TableSchema(new QualifiedName("t"),
        [
            new ColumnSchema("id", "INTEGER") { IsNullable = false },
            new ColumnSchema("name", "TEXT") { Collation = "NOCASE" },
            new ColumnSchema("twice", "INTEGER") { GeneratedSql = "id * 2" },
            new ColumnSchema("thrice", "INTEGER") { GeneratedSql = "id * 3", IsStored = true },
            new ColumnSchema("note", "TEXT"),
        ])
        {
            PrimaryKey = new PrimaryKeyDefinition("pk_t", ["id"]),
            Options = ["STRICT"],
            Indexes = [new IndexDefinition("ix_t_name", ["name"]) { KeyOptions = ["DESC"] }],
        };
        var model = new DatabaseSchema([table]);
        foreach (var statement in db.Generator.Script(model))
        {
            await db.ExecuteSqlAsync(statement);
        }

        await db.ExecuteSqlAsync("INSERT INTO t (id, name, note) VALUES (1, 'alice', 'n')");
        var operation = SqliteTestDatabase.Operation(m => m.AlterColumn("t", "note", c => c.AsText().NotNull()));

        var sql = await db.Generator.GenerateAsync(operation, new ReplaySqliteSchemaContext(db.Generator, model));
        await db.InTransactionAsync(async () =>
        {
            foreach (var statement in sql)
            {
                await db.ExecuteSqlAsync(statement);
            }
        });

        sql.Should().Contain("INSERT INTO \"t\" (\"id\", \"name\", \"note\") SELECT \"id\", \"name\", \"note\" FROM \"__migrationkit_old_t\"", "generated columns are computed, not copied");
        db.Generator.Apply(model, operation).CompareTo(await db.ReadAsync()).Should().BeEmpty();
        (await db.ScalarAsync("SELECT COUNT(*) FROM t WHERE name = 'ALICE'")).Should().Be(1L);
        (await db.ScalarAsync("SELECT twice + thrice FROM t")).Should().Be(5L);
        (await db.ScalarAsync("SELECT strict FROM pragma_table_list WHERE name = 't'")).Should().Be(1L);
        (await db.ScalarAsync("SELECT \"desc\" FROM pragma_index_xinfo('ix_t_name') WHERE cid >= 0")).Should().Be(1L);
    }

    private static string[] Statements(DatabaseSchema schema) =>
        schema.Tables.SelectMany(t => t.Indexes.Select(i => $"{i.Name}: {i.Definition}").Prepend($"{t.Name.Name}: {t.Definition}")).Order(StringComparer.Ordinal).ToArray();
}
