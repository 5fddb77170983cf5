using System.Text;
using MigrationKit.SqlFiles;

namespace MigrationKit.Tests.SqlFiles;

public sealed class SqlMigrationLoaderTests
{
    // NUnit shares one fixture instance between its tests: each test gets its own folder.
    private string _folder = string.Empty;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "migrationkit-loader", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Load_Directory_PairsDownsAndSortsRepeatablesByName()
    {
        Write("V2__second.sql", "SELECT 2;");
        Write("V1__first.sql", "SELECT 1;");
        Write("U1__undo_first.sql", "SELECT -1;");
        Write("R__zeta.sql", "SELECT 'z';");
        Write("R__alpha.sql", "SELECT 'a';");
        Write("README.md", "not a migration");
        Directory.CreateDirectory(Path.Combine(_folder, "seeds"));
        File.WriteAllText(Path.Combine(_folder, "seeds", "not_a_migration.sql"), "SELECT 0;");

        var set = Load();

        set.Versioned.Select(m => (m.Version, m.UpFile.FileName, m.DownFile?.FileName)).Should().BeEquivalentTo(new[]
        {
            (1L, "V1__first.sql", (string?)"U1__undo_first.sql"),
            (2L, "V2__second.sql", (string?)null),
        });
        set.Repeatables.Select(r => r.Name).Should().Equal("alpha", "zeta");
    }

    [Test]
    public void Load_Repeatable_ChecksumIsThatOfItsRawSqlNormalized()
    {
        Write("R__view.sql", "CREATE VIEW v AS SELECT 1;   \r\n", bom: true);

        var repeatable = Load().Repeatables.Single();

        repeatable.Checksum.Should().Be(MigrationChecksum.Compute([new MigrationKit.Operations.SqlOperation("CREATE VIEW v AS SELECT 1;")]));
        repeatable.Transactional.Should().BeTrue();
    }

    [Test]
    public void Load_NoTransactionFile_IsRecordedStatementByStatement()
    {
        Write("V1__index.sql", "-- migrationkit: no-transaction\nCREATE INDEX CONCURRENTLY a ON t (x);\nCREATE INDEX CONCURRENTLY b ON t (y);");

        var migration = Load().Versioned.Single();
        var builder = new MigrationBuilder();
        migration.Up(builder);

        migration.UpFile.Transaction.Should().Be(MigrationTransactionMode.None);
        builder.Operations.Cast<MigrationKit.Operations.SqlOperation>().Select(o => o.Sql).Should().Equal(
            "-- migrationkit: no-transaction\nCREATE INDEX CONCURRENTLY a ON t (x)", "CREATE INDEX CONCURRENTLY b ON t (y)");
    }

    [Test]
    public void Load_VersionedFileWithoutDown_DownIsIrreversibleNamingTheMissingFile()
    {
        Write("V5__add_things.sql", "INSERT INTO t VALUES (1);");
        var migration = Load().Versioned.Single();

        var act = () => migration.Down(new MigrationBuilder());

        act.Should().Throw<IrreversibleMigrationException>().Which.Should().Match<IrreversibleMigrationException>(e =>
            e.Version == 5 && e.MigrationName == "V5__add_things.sql" && e.Message.Contains("U5__add_things.sql") && e.Message.Contains(_folder));
    }

    [Test]
    public void Load_TwoDownsOfOneVersionAndTwoRepeatablesOfOneName_AreReported()
    {
        Write("V1__first.sql", "SELECT 1;");
        Write("U1__a.sql", "SELECT 1;");
        var second = Write("U1__b.sql", "SELECT 1;");
        var view = Write("R__view.sql", "SELECT 1;");
        Write("R__VIEW.sql", "SELECT 1;");

        var act = Load;

        var error = act.Should().Throw<InvalidSqlMigrationException>().Which;
        // Reported after the first of its kind in path order (upper case sorts first).
        error.Paths.Should().BeEquivalentTo(second, view);
        error.Message.Should().Contain("second Down file for version 1").And.Contain("already used by");
    }

    [Test]
    public void Load_SameDirectoryTwice_ReadsItOnce()
    {
        Write("V1__first.sql", "SELECT 1;");

        var set = SqlMigrationLoader.Load([SqlMigrationSource.FromDirectory(_folder), SqlMigrationSource.FromDirectory(_folder + Path.DirectorySeparatorChar + ".")]);

        set.Versioned.Should().ContainSingle();
    }

    private SqlMigrationSet Load() => SqlMigrationLoader.Load([SqlMigrationSource.FromDirectory(_folder)]);

    private string Write(string name, string sql, bool bom = false)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, sql, new UTF8Encoding(bom));
        return path;
    }
}
