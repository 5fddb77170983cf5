using MigrationKit.Operations;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>
/// The foreign-key check before commit covers the whole database unless the transaction only created tables and
/// indexes; then it covers the new tables' own keys (which can only fail by referencing columns that are not a key).
/// </summary>
public sealed class SqliteForeignKeyCheckScopeTests
{
    [Test]
    public async Task BeforeCommitAsync_OnlyNewTablesAndIndexes_IgnoresRowsThatWereAlreadyBroken()
    {
        await using var db = await BrokenDatabaseAsync();
        var operations = SqliteTestDatabase.Operations(m =>
        {
            m.CreateTable("n", t =>
            {
                t.Column("id").AsInt64().PrimaryKey();
                t.Column("p_id").AsInt64().Nullable().References("p");
            });
            m.CreateIndex("n", "p_id");
        });

        await db.InTransactionAsync(async () =>
        {
            db.Session.Operations = operations;
            foreach (var operation in operations)
            {
                await db.ExecuteAsync(operation);
            }
        });

        (await db.ScalarAsync("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'n'")).Should().Be(1L, "the migration was committed");
    }

    [Test]
    public async Task BeforeCommitAsync_DataOperation_ChecksEveryTable()
    {
        await using var db = await BrokenDatabaseAsync();
        var operations = SqliteTestDatabase.Operations(m => m.InsertData("p", ["id"], [2L]));

        var act = () => db.InTransactionAsync(async () =>
        {
            db.Session.Operations = operations;
            await db.ExecuteAsync(operations[0]);
        });

        (await act.Should().ThrowAsync<MigrationKitException>()).Which.Message.Should().Contain("table \"c\" rowid 1 references a missing row of \"p\"");
    }

    [Test]
    public async Task BeforeCommitAsync_OperationsUnknown_ChecksEveryTable()
    {
        await using var db = await BrokenDatabaseAsync();

        var act = () => db.InTransactionAsync(() => db.ExecuteSqlAsync("CREATE TABLE n (id INTEGER PRIMARY KEY)"));

        await act.Should().ThrowAsync<MigrationKitException>().WithMessage("1 row(s) of * violate foreign keys*");
    }

    [Test]
    public async Task BeforeCommitAsync_NewTableReferencingColumnsThatAreNotAKey_Throws()
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync("CREATE TABLE p (id INTEGER, code TEXT PRIMARY KEY)");
        var operations = SqliteTestDatabase.Operations(m => m.CreateTable("c", t => t.Column("p_id").AsInt64().References("p")));

        var act = () => db.InTransactionAsync(async () =>
        {
            db.Session.Operations = operations;
            await db.ExecuteAsync(operations[0]);
        });

        (await act.Should().ThrowAsync<MigrationKitException>()).Which.Message.Should().Contain("neither the primary key nor unique").And.Contain("foreign key mismatch - \"c\" referencing \"p\"");
        (await db.Provider.SchemaReader.TableExistsAsync(db.Session, new QualifiedName("c"))).Should().BeFalse();
    }

    [TestCase(MigrationRunTransaction.PerMigration)]
    [TestCase(MigrationRunTransaction.AllOrNothing)]
    public async Task MigrateUp_MigrationOnlyCreatesTables_CommitsDespiteRowsBrokenBefore(MigrationRunTransaction mode)
    {
        using var database = new TestDatabase();
        database.Execute("PRAGMA foreign_keys = OFF; CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id)); INSERT INTO c VALUES (1)");
        await using var runner = database.Runner(typeof(ForeignKeyScope.CreateOrders).Namespace!, o => o.RunTransaction = mode);

        var result = await runner.MigrateUpAsync();

        result.Steps.Should().ContainSingle();
        database.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name IN ('customers', 'orders')").Should().Be(2);
    }

    /// <summary>A database whose table c already holds a row without a parent in p (written with enforcement off).</summary>
    private static async Task<SqliteTestDatabase> BrokenDatabaseAsync()
    {
        var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id)); INSERT INTO c VALUES (1)");
        return db;
    }
}
