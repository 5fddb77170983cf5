using Microsoft.Data.Sqlite;
using MigrationKit.Operations;
using MigrationKit.Sqlite.Tests.Providers.RebuildPreservation.Issue12;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Providers.RebuildPreservation;

/// <summary>
/// Issue 12, part 1, as reported: a rebuild of a STRICT table with a collated unique column, a virtual generated column
/// and a check, and of a WITHOUT ROWID table, keeps all of it through Up and Down, and the model sees it.
/// </summary>
public sealed class Issue12SqliteRebuildTests
{
    private string _directory = null!;
    private string _connectionString = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "migrationkit-issue12-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _connectionString = $"Data Source={Path.Combine(_directory, "app.db")};Pooling=False";
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task AlterColumn_OnStrictCollatedGeneratedAndWithoutRowidTables_KeepsEverythingThroughUpAndDown()
    {
        var runner = Runners.Create(_connectionString, typeof(RequireNotes).Namespace!);
        await runner.MigrateUpAsync(1);
        var original = Objects();

        await runner.MigrateUpAsync();

        var up = Objects();
        up["t"].Should().Be(CreateTables.T.Replace("note TEXT,", "note TEXT NOT NULL,", StringComparison.Ordinal), "only the altered column changes");
        up["w"].Should().Be(CreateTables.W.Replace("v TEXT)", "v TEXT NOT NULL)", StringComparison.Ordinal));
        Probe().Should().Equal(
            "ALICE finds 1",
            "duplicate ALICE refused: SQLite Error 19: 'UNIQUE constraint failed: t.name'.",
            "twice = 2 (virtual)",
            "STRICT refuses a blob in note",
            "w without rowid: 1");

        await runner.MigrateDownAsync(1);

        Objects().Should().Equal(original, "after Up and Down the sqlite_schema text is the original");
        Probe().Should().Equal(
            "ALICE finds 1",
            "duplicate ALICE refused: SQLite Error 19: 'UNIQUE constraint failed: t.name'.",
            "twice = 2 (virtual)",
            "STRICT refuses a blob in note",
            "w without rowid: 1");
    }

    [Test]
    public async Task SchemaModel_SeesCollationGeneratedColumnAndTableOptions()
    {
        var runner = Runners.Create(_connectionString, typeof(RequireNotes).Namespace!);
        await runner.MigrateUpAsync(1);

        var schema = await runner.ReadSchemaAsync();

        var t = schema.FindTable(new QualifiedName("t"))!;
        t.Options.Should().Equal("STRICT");
        t.FindColumn("name")!.Collation.Should().Be("NOCASE");
        t.FindColumn("twice")!.Should().BeEquivalentTo(new { GeneratedSql = "id*2", IsStored = false });
        schema.FindTable(new QualifiedName("w"))!.Options.Should().Equal("WITHOUT ROWID");

        // The comparer reports each of them when they differ.
        var changed = schema with
        {
            Tables = schema.Tables.Select(x => x.Name.Name != "t" ? x : x with
            {
                Options = [],
                Columns = x.Columns.Select(c => c with { Collation = null, GeneratedSql = null }).ToArray(),
            }).ToArray(),
        };
        schema.CompareTo(changed).Should().BeEquivalentTo(
            "table t: options are (), expected (STRICT)",
            "table t: column name is TEXT NULL, expected TEXT NULL COLLATE NOCASE",
            "table t: column twice is INTEGER NULL, expected INTEGER NULL GENERATED AS (id*2) VIRTUAL");
    }

    [Test]
    public async Task CheckReversibility_ReportsTheRebuildsReversible()
    {
        var runner = Runners.Create(_connectionString, typeof(RequireNotes).Namespace!);
        await runner.MigrateUpAsync(1);

        var report = await runner.CheckReversibilityAsync();

        report.Problems.Should().BeEmpty();
        report.Checked.Should().Contain(2);
    }

    private Dictionary<string, string> Objects()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE '\\_\\_migrationkit%' ESCAPE '\\' ORDER BY name";
        using var reader = command.ExecuteReader();
        var objects = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            objects[reader.GetString(0)] = reader.GetString(1);
        }

        return objects;
    }

    private List<string> Probe()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        string Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        string Fails(string sql)
        {
            try
            {
                Scalar(sql);
                return "accepted";
            }
            catch (SqliteException e)
            {
                return e.Message;
            }
        }

        var probes = new List<string>
        {
            $"ALICE finds {Scalar("SELECT COUNT(*) FROM t WHERE name = 'ALICE'")}",
            $"duplicate ALICE refused: {Fails("INSERT INTO t (id, name, note) VALUES (2, 'ALICE', 'n')")}",
            $"twice = {Scalar("SELECT twice FROM t WHERE id = 1")} ({(Scalar("SELECT hidden FROM pragma_table_xinfo('t') WHERE name = 'twice'") == "2" ? "virtual" : "not virtual")})",
            Fails("INSERT INTO t (id, name, note) VALUES (3, 'bob', x'00')").Contains("cannot store BLOB value in TEXT column t.note", StringComparison.Ordinal) ? "STRICT refuses a blob in note" : "STRICT lost",
            $"w without rowid: {Scalar("SELECT wr FROM pragma_table_list WHERE name = 'w'")}",
        };
        transaction.Rollback();
        return probes;
    }
}
