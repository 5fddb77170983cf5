using MigrationKit.Operations;

namespace MigrationKit.Sqlite.Tests.Providers.RebuildPreservation;

/// <summary>
/// What a rebuild cannot keep, or a change that contradicts the table's definition, is refused with
/// <see cref="SqliteRebuildNotSupportedException"/> naming the table and the feature, and the database is left as it was.
/// </summary>
public sealed class SqliteRebuildRefusalTests
{
    public static IEnumerable<TestCaseData> Refusals()
    {
        yield return new TestCaseData(
            "CREATE TABLE w(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
            SqliteTestDatabase.Operation(m => m.DropPrimaryKey("w", "pk_w")), "w", "WITHOUT ROWID").SetArgDisplayNames("drop the key of a WITHOUT ROWID table");
        yield return new TestCaseData(
            "CREATE TABLE w(k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID",
            SqliteTestDatabase.Operation(m => m.AlterColumn("w", "k", c => c.AsText().Nullable())), "w", "an implied NOT NULL").SetArgDisplayNames("make a WITHOUT ROWID key column nullable");
        yield return new TestCaseData(
            "CREATE TABLE s(id INTEGER PRIMARY KEY, note TEXT) STRICT",
            SqliteTestDatabase.Operation(m => m.AlterColumn("s", "note", c => c.AsCustom("VARCHAR(10)").Nullable())), "s", "STRICT").SetArgDisplayNames("a type STRICT refuses");
        yield return new TestCaseData(
            "CREATE TABLE g(id INTEGER PRIMARY KEY, twice INT AS (id * 2))",
            SqliteTestDatabase.Operation(m => m.AlterColumn("g", "twice", c => c.AsInt32().Nullable().Default(0))), "g", "a generated column").SetArgDisplayNames("a default on a generated column");
        yield return new TestCaseData(
            "CREATE TABLE g(id INTEGER PRIMARY KEY, price INT UNIQUE, twice INT AS (price * 2))",
            SqliteTestDatabase.Operation(m => m.DropColumn("g", "price")), "g", "a generated column").SetArgDisplayNames("drop a column a generated column uses");
        yield return new TestCaseData(
            "CREATE TABLE a(id INTEGER PRIMARY KEY, n INTEGER)",
            SqliteTestDatabase.Operation(m => m.AlterColumn("a", "n", c => c.AsInt64().Identity())), "a", "AUTOINCREMENT").SetArgDisplayNames("identity on a column that is not the key");
        yield return new TestCaseData(
            "CREATE TABLE x(id INTEGER PRIMARY KEY, code TEXT UNIQUE, note TEXT); CREATE TRIGGER x_t AFTER INSERT ON x BEGIN SELECT NEW.code; END",
            SqliteTestDatabase.Operation(m => m.DropColumn("x", "code")), "x", "a trigger").SetArgDisplayNames("drop a column a trigger uses");
        yield return new TestCaseData(
            "CREATE TABLE q(id INTEGER PRIMARY KEY, a TEXT CONSTRAINT lonely, note TEXT)",
            SqliteTestDatabase.Operation(m => m.AlterColumn("q", "a", c => c.AsText().NotNull())), "q", "the definition of column \"a\"").SetArgDisplayNames("alter a column whose definition the parser does not know");
    }

    [Test]
    public async Task Rebuild_OfAnotherColumnBesideAClauseTheParserDoesNotKnow_KeepsThatClauseAsWritten()
    {
        // SQLite accepts a lone "CONSTRAINT name" on a column; the rebuild keeps it verbatim and changes only "note".
        const string Create = "CREATE TABLE q(id INTEGER PRIMARY KEY, a TEXT CONSTRAINT lonely, note TEXT)";
        await using var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync(Create);

        await db.InTransactionAsync(() => db.ExecuteAndVerifyAsync(SqliteTestDatabase.Operation(m => m.AlterColumn("q", "note", c => c.AsText().NotNull().Default("-")))));

        (await db.ScalarAsync("SELECT sql FROM sqlite_schema WHERE name = 'q'")).Should().Be(Create.Replace("note TEXT", "note TEXT NOT NULL DEFAULT '-'", StringComparison.Ordinal));
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Rebuild_ThatCannotKeepTheDefinition_IsRefusedBeforeTheDatabaseIsTouched(string setup, MigrationOperation operation, string table, string feature)
    {
        await using var db = await SqliteTestDatabase.CreateAsync();
        await db.ExecuteSqlAsync(setup);
        var before = await db.RowsAsync("SELECT type, name, sql FROM sqlite_schema ORDER BY name");

        var act = () => db.InTransactionAsync(() => db.ExecuteAsync(operation));

        var refusal = (await act.Should().ThrowAsync<SqliteRebuildNotSupportedException>()).Which;
        refusal.Table.Should().Be(table);
        refusal.Feature.Should().Be(feature);
        refusal.Message.Should().Contain($"table {table}").And.Contain(feature).And.Contain("Nothing was changed");
        (await db.RowsAsync("SELECT type, name, sql FROM sqlite_schema ORDER BY name")).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
    }
}
