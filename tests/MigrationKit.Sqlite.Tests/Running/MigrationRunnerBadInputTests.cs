using MigrationKit.Sqlite.Tests.Running.Basic;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Running;

/// <summary>Wrong input gets a typed exception that names the object and the remedy, and changes nothing.</summary>
public sealed class MigrationRunnerBadInputTests
{
    private const string Basic = "MigrationKit.Sqlite.Tests.Running.Basic";

    [Test]
    public void Build_DuplicateVersions_ThrowsOneErrorListingEveryDuplicate()
    {
        using var database = new TestDatabase();

        var act = () => database.Runner("MigrationKit.Sqlite.Tests.Running.Duplicates");

        var error = act.Should().Throw<DuplicateMigrationVersionException>().Which;
        error.Duplicates.Keys.Should().BeEquivalentTo([7L, 9L]);
        error.Message.Should().Contain("version 7").And.Contain("Duplicates.First").And.Contain("Duplicates.Second")
            .And.Contain("version 9").And.Contain("unique version");
        File.Exists(database.FilePath).Should().BeFalse("discovery fails before the database is touched");
    }

    [TestCase(99L)]
    [TestCase(0L)]
    public async Task MigrateUp_UnknownTarget_ThrowsListingKnownVersions(long target)
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);

        var act = () => runner.MigrateUpAsync(target);

        var error = (await act.Should().ThrowAsync<MigrationTargetException>()).Which;
        error.Target.Should().Be(target);
        error.Message.Should().Contain($"version {target}").And.Contain("Known versions: 1, 2, 3");
        File.Exists(database.FilePath).Should().BeFalse();
    }

    [Test]
    public async Task MigrateDown_BelowFirstVersionOrUnknown_ThrowsAndKeepsHistory()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner(Basic);
        await runner.MigrateUpAsync();

        var negative = () => runner.MigrateDownAsync(-1);
        var unknown = () => runner.MigrateDownAsync(42);
        var tooMany = () => runner.RollbackAsync(4);

        (await negative.Should().ThrowAsync<MigrationTargetException>()).Which.Message.Should().Contain("neither 0");
        (await unknown.Should().ThrowAsync<MigrationTargetException>()).Which.Target.Should().Be(42);
        (await tooMany.Should().ThrowAsync<MigrationTargetException>()).Which.Message.Should().Contain("only 3 migration(s) are applied");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);
    }

    [Test]
    public async Task MigrateUp_AppliedMigrationMissingFromCode_ThrowsUnlessIgnored()
    {
        using var database = new TestDatabase();
        await using (var full = database.Runner(Basic))
        {
            await full.MigrateUpAsync();
        }

        await using var older = new MigrationRunnerBuilder().UseSqlite(database.ConnectionString).AddMigrations(typeof(CreateItems), typeof(AddPrice)).Build();
        var act = () => older.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<AppliedMigrationMissingException>()).Which;
        error.Problems.Select(p => p.Version).Should().Equal(3);
        error.Message.Should().Contain("3 'Index names' is applied but not in the code").And.Contain("ahead of this code");
        (await older.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);

        await using var tolerant = new MigrationRunnerBuilder().UseSqlite(database.ConnectionString).AddMigrations(typeof(CreateItems), typeof(AddPrice))
            .Configure(o => o.IgnoreMissingMigrations = true).Build();
        (await tolerant.MigrateUpAsync()).NothingToDo.Should().BeTrue();
    }

    [Test]
    public async Task MigrateUp_AppliedMigrationEdited_ThrowsChecksumMismatchUntilRepaired()
    {
        using var database = new TestDatabase();
        await using var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.Edited");
        try
        {
            Edited.CreateItems.NameLength = 50;
            await runner.MigrateUpAsync();
            await using var edited = database.Runner("MigrationKit.Sqlite.Tests.Running.Edited");
            Edited.CreateItems.NameLength = 60;

            var act = () => edited.MigrateUpAsync();

            var error = (await act.Should().ThrowAsync<MigrationChecksumMismatchException>()).Which;
            error.Problems.Should().ContainSingle().Which.Version.Should().Be(1);
            error.Message.Should().Contain("edited after it was applied").And.Contain("RepairAsync");
            await edited.Invoking(r => r.ValidateAsync()).Should().ThrowAsync<MigrationChecksumMismatchException>();
            (await edited.RepairAsync()).Should().Equal(1);
            (await edited.ValidateAsync()).IsUpToDate.Should().BeTrue();
        }
        finally
        {
            Edited.CreateItems.NameLength = 50;
        }
    }

    [Test]
    public async Task Validate_RawSqlEditedOnlyInLineEndingsBomOrTrailingSpace_IsNotFlagged()
    {
        using var database = new TestDatabase();
        var original = RawSql.RawItems.Sql;
        try
        {
            await using (var runner = database.Runner("MigrationKit.Sqlite.Tests.Running.RawSql"))
            {
                await runner.MigrateUpAsync();
            }

            RawSql.RawItems.Sql = "\uFEFF" + original.Replace("\n", "\r\n", StringComparison.Ordinal) + "   \r\n";
            await using (var resaved = database.Runner("MigrationKit.Sqlite.Tests.Running.RawSql"))
            {
                (await resaved.ValidateAsync()).IsUpToDate.Should().BeTrue();
            }

            RawSql.RawItems.Sql = original.Replace("VALUES (1)", "VALUES (2)", StringComparison.Ordinal);
            await using var changed = database.Runner("MigrationKit.Sqlite.Tests.Running.RawSql");
            await changed.Invoking(r => r.ValidateAsync()).Should().ThrowAsync<MigrationChecksumMismatchException>();
        }
        finally
        {
            RawSql.RawItems.Sql = original;
        }
    }

    [Test]
    public async Task MigrateUp_DatabaseInMissingFolder_ThrowsConnectionErrorNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "migrationkit-missing-" + Guid.NewGuid().ToString("N"), "app.db");
        await using var runner = Runners.Create($"Data Source={path};Mode=ReadWrite", "MigrationKit.Sqlite.Tests.Running.Basic");

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<MigrationConnectionException>()).Which;
        error.Message.Should().Contain(path).And.Contain("Check that the path");
        error.InnerException.Should().NotBeNull();
        File.Exists(path).Should().BeFalse();
    }

    [Test]
    public async Task MigrateUp_PasswordInConnectionString_NeverAppearsInTheError()
    {
        var path = Path.Combine(Path.GetTempPath(), "migrationkit-missing-" + Guid.NewGuid().ToString("N"), "app.db");
        await using var runner = Runners.Create($"Data Source={path};Password=s3cret-Pa55", Basic);

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<MigrationKitException>()).Which;
        error.ToString().Should().NotContain("s3cret-Pa55");
    }

    [Test]
    public void UseSqlite_MalformedConnectionString_ThrowsArgumentException()
    {
        var act = () => new MigrationRunnerBuilder().UseSqlite("Data Source=app.db;Not A Keyword=1");

        act.Should().Throw<ArgumentException>();
    }
}
