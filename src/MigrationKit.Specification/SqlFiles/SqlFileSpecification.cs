using Microsoft.Extensions.DependencyInjection;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Rollback;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// SQL-file migrations on a provider: <c>V</c>, <c>U</c> and <c>R</c> files read from a directory or from embedded
/// resources run with the history, journal, checksums, status, dry run and rollback of migration classes, mix with
/// classes in one version sequence, re-apply repeatables only when they change and after the versioned ones, honour
/// the no-transaction header, and refuse bad input before the database is touched.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class SqlFileSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const string CreateBooks = "CREATE TABLE \"books\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"title\" VARCHAR(100) NOT NULL);";
    private const string StockBooks = "INSERT INTO \"books\" (\"id\", \"title\") VALUES (1, 'Dune');\nINSERT INTO \"books\" (\"id\", \"title\") VALUES (2, 'Emma');";
    private const string TitlesView = "DROP VIEW IF EXISTS \"book_titles\";\nCREATE VIEW \"book_titles\" AS SELECT \"title\" FROM \"books\";";
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    /// <summary>Versioned files apply in version order, with history rows (description from the name, checksum, who, when) and journal entries like any migration.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_VersionedFiles_AppliesInOrderWithHistoryAndJournal()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V2__stock_books.sql", StockBooks);
        folder.Write("V1__create_books.sql", CreateBooks);
        await using var runner = SqlRunner(database, folder, o => o.AppliedBy = "dba@ops", new ManualTimeProvider(Start));

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => (s.Version, s.Description)).Should().Equal((1L, "create books"), (2L, "stock books"));
        result.Repeatables.Should().BeEmpty();
        runner.Migrations.Select(m => (m.Version, m.Name, m.Transaction)).Should().Equal(
            (1L, "V1__create_books.sql", MigrationTransactionMode.Transactional), (2L, "V2__stock_books.sql", MigrationTransactionMode.Transactional));
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"books\"")).Should().Be(2);
        var history = await runner.GetHistoryAsync();
        history.Select(h => (h.Version, h.Description)).Should().Equal((1L, "create books"), (2L, "stock books"));
        history.Should().OnlyContain(h => h.AppliedBy == "dba@ops" && h.AppliedAt == Start && h.Checksum.StartsWith("v1:", StringComparison.Ordinal) && h.Checksum.Length == 67);
        history.Select(h => h.Checksum).Should().OnlyHaveUniqueItems();
        (await runner.GetJournalAsync()).Select(j => (j.Version, j.Action, j.Status)).Should().Equal(
            (1L, JournalAction.Up, JournalStatus.Started), (1L, JournalAction.Up, JournalStatus.Succeeded),
            (2L, JournalAction.Up, JournalStatus.Started), (2L, JournalAction.Up, JournalStatus.Succeeded));
        (await runner.MigrateUpAsync()).NothingToDo.Should().BeTrue();
    }

    /// <summary>Status lists SQL files as pending, then applied with their recorded and code checksums.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task GetStatus_SqlFiles_PendingThenApplied()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("V2__stock_books.sql", StockBooks);
        await using var runner = SqlRunner(database, folder);

        var before = await runner.GetStatusAsync();
        await runner.MigrateUpAsync(1);
        var partly = await runner.GetStatusAsync();

        before.Pending.Select(p => (p.Version, p.Description)).Should().Equal((1L, "create books"), (2L, "stock books"));
        partly.Migrations.Select(m => (m.Version, m.State)).Should().Equal((1L, MigrationState.Applied), (2L, MigrationState.Pending));
        partly.Applied.Single().CodeChecksum.Should().Be(partly.Applied.Single().AppliedChecksum).And.NotBeNull();
        partly.IsUpToDate.Should().BeFalse();
    }

    /// <summary>
    /// A file's checksum is that of the same raw SQL in a migration class, normalized: saved again with CRLF line
    /// endings, a byte order mark and trailing spaces, it still matches; edited, the run refuses it as modified.
    /// </summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Checksum_SqlFile_IsTheNormalizedRawSqlChecksumAndCatchesEdits()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", Migrations.SqlRawTwin.RawTwin.Sql.Replace("\n", "  \r\n", StringComparison.Ordinal) + "\r\n", bom: true);
        await using (var files = SqlRunner(database, folder))
        {
            await files.MigrateUpAsync();
        }

        await using (var twin = Runner(database, "SqlRawTwin"))
        {
            (await twin.ValidateAsync()).IsUpToDate.Should().BeTrue("the class recording the same raw SQL has the file's checksum");
        }

        folder.Write("V1__create_books.sql", Migrations.SqlRawTwin.RawTwin.Sql);
        await using (var resaved = SqlRunner(database, folder))
        {
            (await resaved.ValidateAsync()).IsUpToDate.Should().BeTrue("line endings and a BOM do not make a file look edited");
        }

        folder.Write("V1__create_books.sql", Migrations.SqlRawTwin.RawTwin.Sql.Replace("'Dune'", "'Dune II'", StringComparison.Ordinal));
        await using var edited = SqlRunner(database, folder);
        (await edited.GetStatusAsync()).Migrations.Single().State.Should().Be(MigrationState.Modified);
        var act = () => edited.MigrateUpAsync();
        (await act.Should().ThrowAsync<MigrationChecksumMismatchException>()).Which.Problems.Should().ContainSingle().Which.Should().Match<MigrationStatusEntry>(p => p.Version == 1 && p.Description == "create books");
    }

    /// <summary>A dry run scripts the files' SQL and touches nothing.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Script_SqlFiles_ScriptsTheirSqlWithoutTouchingTheDatabase()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("V2__stock_books.sql", StockBooks);
        folder.Write("R__book_titles.sql", TitlesView);
        await using var runner = SqlRunner(database, folder);

        var script = await runner.ScriptAsync();

        script.Steps.Select(s => (s.Version, s.Description, s.Transactional)).Should().Equal((1L, "create books", true), (2L, "stock books", true));
        script.Steps[0].Statements.Should().ContainSingle().Which.Should().Contain("CREATE TABLE \"books\"");
        script.Steps[1].Statements.Should().ContainSingle().Which.Should().Contain("'Emma'");
        script.Repeatables.Should().ContainSingle().Which.Statements.Single().Should().Contain("CREATE VIEW \"book_titles\"");
        var sql = script.ToSql();
        sql.IndexOf("-- 2 stock books", StringComparison.Ordinal).Should().BeLessThan(sql.IndexOf("-- repeatable book titles", StringComparison.Ordinal)).And.BePositive();
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.GetJournalAsync()).Should().BeEmpty();
    }

    /// <summary>U files are the Downs: down to a version and steps back run them, with history and journal, and the reversibility check passes them.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateDown_UndoFiles_RunTheDowns()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("U1__create_books.sql", "DROP TABLE \"books\";");
        folder.Write("V2__stock_books.sql", StockBooks);
        folder.Write("U2__unstock_books.sql", "DELETE FROM \"books\";");
        await using var runner = SqlRunner(database, folder);
        await runner.MigrateUpAsync();

        var down = await runner.MigrateDownAsync(1);

        down.Steps.Select(s => (s.Version, s.Direction)).Should().Equal((2L, MigrationDirection.Down));
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"books\"")).Should().Be(0);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
        (await runner.GetJournalAsync()).TakeLast(2).Select(j => (j.Version, j.Action, j.Status)).Should().Equal(
            (2L, JournalAction.Down, JournalStatus.Started), (2L, JournalAction.Down, JournalStatus.Succeeded));

        (await runner.RollbackAsync()).Steps.Should().ContainSingle().Which.Version.Should().Be(1);
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty("U1 dropped the table");
        (await runner.GetHistoryAsync()).Should().BeEmpty();

        var report = await runner.CheckReversibilityAsync();
        report.Checked.Should().Equal(1, 2);
        report.Problems.Should().BeEmpty("every V file has a U file that undoes it");
    }

    /// <summary>
    /// The rollback manager treats SQL Downs as it treats raw SQL in a class: their effect on data cannot be known, so
    /// it refuses a logical rollback without a checkpoint, and restores a full checkpoint when one is there.
    /// </summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task RollbackManager_UndoFiles_AreRawSqlDowns()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        using var checkpoints = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("U1__create_books.sql", "DROP TABLE \"books\";");
        folder.Write("V2__stock_books.sql", StockBooks);
        folder.Write("U2__unstock_books.sql", "DELETE FROM \"books\";");
        // An in-memory database cannot take checkpoints: the refusal below is all a rollback manager can do there.
        var canCheckpoint = database.CreateProvider().CreateBackup() is not null;
        await using var runner = SqlRunner(database, folder, canCheckpoint ? o => o.Checkpoints.Directory = checkpoints.Path : null);
        await runner.MigrateUpAsync(1);

        var refused = () => runner.RollbackManager.PlanRollbackAsync(RollbackTarget.ToVersion(0));

        (await refused.Should().ThrowAsync<RollbackNotPossibleException>()).Which.Message.Should().Contain("Migration 1 'create books'").And.Contain("raw SQL");
        if (!canCheckpoint)
        {
            return;
        }

        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync(CheckpointKind.Milestone, CheckpointLevel.Full, "before stocking");
        await runner.MigrateUpAsync();
        var plan = await runner.RollbackManager.PlanRollbackAsync(RollbackTarget.ToVersion(1));
        plan.Method.Should().Be(RollbackMethod.Physical);
        plan.Reason.Should().Contain(checkpoint.Id);

        var rollback = await runner.RollbackManager.RollbackAsync(RollbackTarget.ToVersion(1));

        rollback.Version.Should().Be(1);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"books\"")).Should().Be(0);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
    }

    /// <summary>A V file without its U file cannot be reverted, as a class with raw SQL and no Down: the error names the file and the missing U file, and nothing changes.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateDown_VersionedFileWithoutUndo_IsIrreversibleNamingTheFile()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("U1__create_books.sql", "DROP TABLE \"books\";");
        folder.Write("V2__stock_books.sql", StockBooks);
        await using var runner = SqlRunner(database, folder);

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2);
        report.Problems.Should().ContainSingle().Which.Should().Match<ReversibilityProblem>(p => p.Version == 2 && p.Error!.Contains("U2__stock_books.sql"));
        var before = await DatabaseSnapshot.CaptureAsync(database);

        var act = () => runner.RollbackAsync();

        var error = (await act.Should().ThrowAsync<IrreversibleMigrationException>()).Which;
        error.Version.Should().Be(2);
        error.MigrationName.Should().Be("V2__stock_books.sql");
        error.Message.Should().Contain("V2__stock_books.sql").And.Contain("U2__stock_books.sql");
        before.ShouldBeUnchangedIn(await DatabaseSnapshot.CaptureAsync(database), "an irreversible rollback");
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"books\"")).Should().Be(2);
    }

    /// <summary>
    /// A repeatable file runs after the versioned ones (its view reads their table), is recorded with its checksum,
    /// is not run again while unchanged, and is re-applied once edited; the journal records each application.
    /// </summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_RepeatableFile_RunsAfterVersionedOnesAndAgainOnlyWhenChanged()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        // "A" sorts before "V": the repeatable still runs after the versioned files, whose table its view reads.
        folder.Write("R__a_book_titles.sql", TitlesView);
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("V2__stock_books.sql", StockBooks);
        await using (var runner = SqlRunner(database, folder))
        {
            (await runner.GetStatusAsync()).Repeatables.Should().ContainSingle().Which.State.Should().Be(MigrationState.Pending);

            var first = await runner.MigrateUpAsync();

            first.Steps.Select(s => s.Version).Should().Equal(1, 2);
            first.Repeatables.Should().ContainSingle().Which.Description.Should().Be("a book titles");
            (await database.ScalarAsync("SELECT COUNT(*) FROM \"book_titles\"")).Should().Be(2);
            var status = await runner.GetStatusAsync();
            status.Repeatables.Single().State.Should().Be(MigrationState.Applied);
            status.IsUpToDate.Should().BeTrue();
            var journal = await runner.GetJournalAsync();
            journal.Last().Should().Match<JournalEntry>(j => j.Action == JournalAction.Repeatable && j.Status == JournalStatus.Succeeded && j.Version == null && j.RunId == first.RunId && j.Error!.Contains("R__a_book_titles.sql"));

            (await runner.MigrateUpAsync()).NothingToDo.Should().BeTrue("the repeatable did not change");
            (await runner.GetJournalAsync()).Should().HaveCount(journal.Count);
            (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal([1L, 2L], "a repeatable has no history row");
        }

        folder.Write("R__a_book_titles.sql", TitlesView.Replace("SELECT \"title\" FROM \"books\"", "SELECT \"title\" FROM \"books\" WHERE \"id\" = 1", StringComparison.Ordinal));
        await using var edited = SqlRunner(database, folder);
        (await edited.GetStatusAsync()).Repeatables.Single().Should().Match<MigrationStatusEntry>(r => r.State == MigrationState.Pending && r.AppliedChecksum != r.CodeChecksum);
        (await edited.GetStatusAsync()).IsUpToDate.Should().BeFalse();

        var again = await edited.MigrateUpAsync();

        again.Steps.Should().BeEmpty();
        again.Repeatables.Should().ContainSingle();
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"book_titles\"")).Should().Be(1, "the edited view was applied");
        (await edited.GetJournalAsync()).Count(j => j.Action == JournalAction.Repeatable && j.Status == JournalStatus.Succeeded).Should().Be(2);
        (await edited.MigrateUpAsync()).NothingToDo.Should().BeTrue();
        (await edited.ReadSchemaAsync()).FindTable(new("__migrationkit_repeatable")).Should().BeNull("the bookkeeping table is left out of schema reads like the history");
    }

    /// <summary>A run up to a version below the latest leaves repeatables alone; they may read what later versions create.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_ToAnEarlierVersion_DoesNotRunRepeatables()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_other.sql", "CREATE TABLE \"other\" (\"id\" INTEGER NOT NULL PRIMARY KEY);");
        folder.Write("V2__create_books.sql", CreateBooks);
        folder.Write("R__book_titles.sql", TitlesView);
        await using var runner = SqlRunner(database, folder);

        var partial = await runner.MigrateUpAsync(1);
        var script = await runner.ScriptAsync(1);
        var rest = await runner.MigrateUpAsync();

        partial.Repeatables.Should().BeEmpty();
        script.Repeatables.Should().BeEmpty();
        rest.Steps.Select(s => s.Version).Should().Equal(2);
        rest.Repeatables.Should().ContainSingle();
    }

    /// <summary>A repeatable that fails is rolled back and not recorded, the versioned migrations of the run stay applied, and the next run (file fixed) applies it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_RepeatableFails_KeepsVersionedStepsAndRetriesNextRun()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("R__book_titles.sql", TitlesView + "\nINSERT INTO \"no_such_table\" (\"id\") VALUES (1);");
        await using (var runner = SqlRunner(database, folder))
        {
            var act = () => runner.MigrateUpAsync();

            var error = (await act.Should().ThrowAsync<RepeatableMigrationFailedException>()).Which;
            error.Name.Should().Be("book_titles");
            error.Path.Should().EndWith("R__book_titles.sql");
            error.Transactional.Should().BeTrue();
            error.Message.Should().Contain("R__book_titles.sql").And.Contain("Fix the file");
            (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
            (await runner.GetStatusAsync()).Repeatables.Single().State.Should().Be(MigrationState.Pending);
            (await runner.GetJournalAsync()).Last().Should().Match<JournalEntry>(j => j.Action == JournalAction.Repeatable && j.Status == JournalStatus.Failed);
        }

        folder.Write("R__book_titles.sql", TitlesView);
        await using var fixedRunner = SqlRunner(database, folder);
        (await fixedRunner.MigrateUpAsync()).Repeatables.Should().ContainSingle();
        (await fixedRunner.GetStatusAsync()).IsUpToDate.Should().BeTrue();
    }

    /// <summary>
    /// The header <c>-- migrationkit: no-transaction</c> runs a file outside a transaction, statement by statement:
    /// <c>CREATE INDEX CONCURRENTLY</c> on PostgreSQL, <c>VACUUM</c> on SQLite, which fail inside one.
    /// </summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_NoTransactionHeader_RunsOutsideATransaction()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks + "\n" + StockBooks);
        var outside = Target.ProviderName == "postgresql"
            ? "CREATE INDEX CONCURRENTLY \"ix_books_title\" ON \"books\" (\"title\");\nCREATE INDEX CONCURRENTLY \"ix_books_id_title\" ON \"books\" (\"id\", \"title\");"
            : "CREATE INDEX \"ix_books_title\" ON \"books\" (\"title\");\nVACUUM;";
        folder.Write("V2__index_books.sql", "-- Built without blocking writers.\n-- migrationkit: no-transaction\n" + outside);
        folder.Write("U2__index_books.sql", "-- MigrationKit: No-Transaction\nDROP INDEX \"ix_books_title\";" + (Target.ProviderName == "postgresql" ? "\nDROP INDEX \"ix_books_id_title\";" : string.Empty));
        await using var runner = SqlRunner(database, folder);

        var script = await runner.ScriptAsync();
        await runner.MigrateUpAsync();

        runner.Migrations.Select(m => m.Transaction).Should().Equal(MigrationTransactionMode.Transactional, MigrationTransactionMode.None);
        script.Steps[1].Transactional.Should().BeFalse();
        script.Steps[1].Statements.Should().HaveCount(2, "a file outside a transaction runs statement by statement");
        (await runner.ReadSchemaAsync()).FindTable(new("books"))!.Indexes.Should().Contain(i => i.Name == "ix_books_title");
        (await runner.GetJournalAsync()).Where(j => j.Version == 2).Select(j => j.Status).Should().Equal(JournalStatus.Started, JournalStatus.Succeeded);

        await runner.RollbackAsync();
        (await runner.ReadSchemaAsync()).FindTable(new("books"))!.Indexes.Should().NotContain(i => i.Name == "ix_books_title");
    }

    /// <summary>A repeatable file with the no-transaction header runs outside a transaction, journaled as started then succeeded, and only once while unchanged; drift detection expects what it creates.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_RepeatableWithNoTransactionHeader_RunsOutsideATransaction()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("R__maintain_books.sql", "-- migrationkit: no-transaction\n" + (Target.ProviderName == "postgresql"
            ? "DROP INDEX CONCURRENTLY IF EXISTS \"ix_books_title\";\nCREATE INDEX CONCURRENTLY \"ix_books_title\" ON \"books\" (\"title\");"
            : "DROP INDEX IF EXISTS \"ix_books_title\";\nCREATE INDEX \"ix_books_title\" ON \"books\" (\"title\");\nVACUUM;"));
        await using var runner = SqlRunner(database, folder);

        var first = await runner.MigrateUpAsync();
        var second = await runner.MigrateUpAsync();

        first.Repeatables.Should().ContainSingle().Which.Description.Should().Be("maintain books");
        second.NothingToDo.Should().BeTrue();
        (await runner.ReadSchemaAsync()).FindTable(new("books"))!.Indexes.Should().Contain(i => i.Name == "ix_books_title");
        (await runner.GetJournalAsync()).Where(j => j.Action == JournalAction.Repeatable).Select(j => j.Status).Should().Equal(JournalStatus.Started, JournalStatus.Succeeded);

        // Drift detection replays the repeatables that ran, after the versioned migrations: their index is expected.
        var drift = await runner.DetectDriftAsync();
        drift.ReplayedVersions.Should().Equal(1);
        drift.HasDrift.Should().BeFalse(drift.ToString());
        await database.ExecuteAsync("DROP INDEX \"ix_books_title\"");
        (await runner.DetectDriftAsync()).HasDrift.Should().BeTrue("the index the repeatable creates is missing");
    }

    /// <summary>Classes and files share one version sequence: 1 (file), 2 (class), 3 (file) apply in that order and revert in reverse.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_ClassesAndFiles_ShareOneVersionSequence()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("U1__create_books.sql", "DROP TABLE \"books\";");
        folder.Write("V3__long_book.sql", "INSERT INTO \"books\" (\"id\", \"title\", \"pages\") VALUES (1, 'Dune', 412);");
        folder.Write("U3__long_book.sql", "DELETE FROM \"books\" WHERE \"id\" = 1;");
        await using var runner = new MigrationRunnerBuilder()
            .UseProvider(database.CreateProvider())
            .AddMigrationsFrom(MigrationsAssembly, Scenarios.Namespace("SqlMixed"))
            .AddSqlMigrationsFrom(folder.Path)
            .Build();

        var up = await runner.MigrateUpAsync();

        up.Steps.Select(s => (s.Version, s.Description)).Should().Equal((1L, "create books"), (2L, "Fluent between files"), (3L, "long book"));
        runner.Migrations.Select(m => m.Name).Should().Equal("V1__create_books.sql", "FluentBetween", "V3__long_book.sql");
        (await database.ScalarAsync("SELECT \"pages\" FROM \"books\" WHERE \"id\" = 1")).Should().Be(412);
        var down = await runner.MigrateDownAsync(0);
        down.Steps.Select(s => s.Version).Should().Equal(3, 2, 1);
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
    }

    /// <summary>A file and a class with one version are refused together, naming both, before the database is touched.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Build_FileAndClassShareAVersion_ThrowsNamingBoth()
    {
        await using var database = await CreateDatabaseAsync();
        var before = await SeededSnapshotAsync(database);
        using var folder = new SqlFolder();
        var path = folder.Write("V2__clash.sql", CreateBooks);

        var act = () => new MigrationRunnerBuilder().UseProvider(database.CreateProvider())
            .AddMigrationsFrom(MigrationsAssembly, Scenarios.Namespace("SqlMixed")).AddSqlMigrationsFrom(folder.Path).Build();

        var error = act.Should().Throw<DuplicateMigrationVersionException>().Which;
        error.Duplicates[2].Should().BeEquivalentTo(path, "MigrationKit.Specification.Migrations.SqlMixed.FluentBetween");
        error.Message.Should().Contain(path).And.Contain("V{version}__");
        before.ShouldBeUnchangedIn(await DatabaseSnapshot.CaptureAsync(database), "a version declared by a class and a file");
    }

    /// <summary>Two files with one version are refused, naming both files.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Build_TwoFilesShareAVersion_ThrowsNamingBoth()
    {
        await using var database = await CreateDatabaseAsync();
        var before = await SeededSnapshotAsync(database);
        using var folder = new SqlFolder();
        var first = folder.Write("V7__create_books.sql", CreateBooks);
        var second = folder.Write("V7__stock_books.sql", StockBooks);

        var act = () => SqlRunner(database, folder);

        var error = act.Should().Throw<DuplicateMigrationVersionException>().Which;
        error.Duplicates.Should().ContainKey(7).WhoseValue.Should().BeEquivalentTo(first, second);
        error.Message.Should().Contain("V7__create_books.sql").And.Contain("V7__stock_books.sql").And.Contain("unique version");
        before.ShouldBeUnchangedIn(await DatabaseSnapshot.CaptureAsync(database), "two files with one version");
    }

    /// <summary>Each bad file or directory is refused with a typed error naming it and the remedy, before the database is touched.</summary>
    /// <param name="fileName">The bad file's name.</param>
    /// <param name="sql">Its content.</param>
    /// <param name="expected">A phrase of the remedy the message must hold.</param>
    /// <returns>A task that completes when the check is done.</returns>
    [TestCase("U4__drop_books.sql", "DROP TABLE \"books\";", "there is no versioned file V4__")]
    [TestCase("V1_create_books.sql", "SELECT 1;", "has no '__'")]
    [TestCase("create_books.sql", "SELECT 1;", "has no '__'")]
    [TestCase("v1__create_books.sql", "SELECT 1;", "not V, U or R (upper case)")]
    [TestCase("V1.2__create_books.sql", "SELECT 1;", "positive whole number")]
    [TestCase("V0__create_books.sql", "SELECT 1;", "positive whole number")]
    [TestCase("R7__books_view.sql", "SELECT 1;", "repeatable files have none")]
    [TestCase("V1__.sql", "SELECT 1;", "no description")]
    [TestCase("V1__empty.sql", "  \n-- only a comment\n/* and another */\n", "the file is empty")]
    [TestCase("V1__header.sql", "-- migrationkit: no-transactions\nSELECT 1;", "header directive 'no-transactions' is unknown")]
    public async Task Build_BadFile_ThrowsNamingTheFileAndLeavesTheDatabaseUnchanged(string fileName, string sql, string expected)
    {
        await using var database = await CreateDatabaseAsync();
        var before = await SeededSnapshotAsync(database);
        using var folder = new SqlFolder();
        folder.Write("V3__fine.sql", "SELECT 1;");
        var path = folder.Write(fileName, sql);

        var act = () => SqlRunner(database, folder);

        var error = act.Should().Throw<InvalidSqlMigrationException>().Which;
        error.Paths.Should().Equal(path);
        error.Message.Should().Contain(path).And.Contain(expected);
        before.ShouldBeUnchangedIn(await DatabaseSnapshot.CaptureAsync(database), fileName);
    }

    /// <summary>Every bad file of a directory is reported in one error, each with its path.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Build_SeveralBadFiles_ListsEveryOne()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        var empty = folder.Write("V1__empty.sql", "\n");
        var orphan = folder.Write("U9__orphan.sql", "SELECT 1;");
        var unnamed = folder.Write("notes.sql", "SELECT 1;");

        var act = () => SqlRunner(database, folder);

        var error = act.Should().Throw<InvalidSqlMigrationException>().Which;
        error.Paths.Should().BeEquivalentTo(empty, orphan, unnamed);
        error.Message.Should().StartWith("3 SQL migration files cannot be used");
        (await DatabaseSnapshot.CaptureAsync(database)).Schema.Tables.Should().BeEmpty();
    }

    /// <summary>A directory that does not exist is refused by name with the remedy, before the database is touched.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Build_MissingDirectory_ThrowsNamingIt()
    {
        await using var database = await CreateDatabaseAsync();
        var before = await SeededSnapshotAsync(database);
        var missing = Path.Combine(Path.GetTempPath(), "migrationkit-sql", "missing-" + Guid.NewGuid().ToString("N"));

        var act = () => new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddSqlMigrationsFrom(missing).Build();

        var error = act.Should().Throw<InvalidSqlMigrationException>().Which;
        error.Paths.Should().Equal(missing);
        error.Message.Should().Contain(missing).And.Contain("does not exist").And.Contain("AddSqlMigrationsFrom");
        before.ShouldBeUnchangedIn(await DatabaseSnapshot.CaptureAsync(database), "a missing directory");
    }

    /// <summary>A Down file whose header differs from its versioned file's is refused: a migration runs with or without a transaction both ways.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Build_UndoHeaderDiffersFromVersioned_ThrowsNamingTheUndoFile()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        var undo = folder.Write("U1__create_books.sql", "-- migrationkit: no-transaction\nDROP TABLE \"books\";");

        var act = () => SqlRunner(database, folder);

        act.Should().Throw<InvalidSqlMigrationException>().Which.Should().Match<InvalidSqlMigrationException>(e => e.Paths.Single() == undo && e.Message.Contains("in both files or in neither"));
        (await DatabaseSnapshot.CaptureAsync(database)).Schema.Tables.Should().BeEmpty();
    }

    /// <summary>Files embedded in an assembly run as those of a directory: versioned, undo and repeatable, read by resource prefix.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_EmbeddedResources_RunLikeFiles()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = new MigrationRunnerBuilder()
            .UseProvider(database.CreateProvider())
            .AddSqlMigrationsFromEmbeddedResources(MigrationsAssembly, "MigrationKit.Specification.Migrations.SqlFiles.Embedded")
            .Build();

        var up = await runner.MigrateUpAsync();

        up.Steps.Select(s => (s.Version, s.Description)).Should().Equal((1L, "create shelf"), (2L, "stock shelf"));
        up.Repeatables.Should().ContainSingle().Which.Description.Should().Be("shelf titles");
        runner.Migrations.Select(m => m.Name).Should().Equal("V1__create_shelf.sql", "V2__stock_shelf.sql");
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"shelf_titles\"")).Should().Be(2);
        (await runner.RollbackAsync(1)).Steps.Should().ContainSingle().Which.Version.Should().Be(2);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"shelf\"")).Should().Be(0);
    }

    /// <summary>An embedded-resource prefix that matches no <c>.sql</c> resource is refused, naming the assembly and prefix.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Build_EmbeddedPrefixMatchesNothing_ThrowsNamingIt()
    {
        await using var database = await CreateDatabaseAsync();

        var act = () => new MigrationRunnerBuilder().UseProvider(database.CreateProvider())
            .AddSqlMigrationsFromEmbeddedResources(MigrationsAssembly, "MigrationKit.Specification.NoSuchFolder").Build();

        act.Should().Throw<InvalidSqlMigrationException>().Which.Message.Should().Contain("MigrationKit.Specification.NoSuchFolder").And.Contain("EmbeddedResource");
        (await DatabaseSnapshot.CaptureAsync(database)).Schema.Tables.Should().BeEmpty();
    }

    /// <summary>Through the service container: <c>AddSqlMigrationsFrom</c> on the DI builder configures the same runner.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AddMigrationKit_AddSqlMigrationsFrom_MigratesTheFiles()
    {
        await using var database = await CreateDatabaseAsync();
        using var folder = new SqlFolder();
        folder.Write("V1__create_books.sql", CreateBooks);
        folder.Write("R__book_titles.sql", TitlesView);
        var migrationProvider = database.CreateProvider();
        var services = new ServiceCollection();
        services.AddMigrationKit(kit => kit.UseProvider(_ => migrationProvider).AddSqlMigrationsFrom(folder.Path).AddSqlMigrationsFrom(folder.Path));
        MigrationResult result;
        await using (var provider = services.BuildServiceProvider())
        {
            result = await provider.MigrateDatabaseAsync();
        }

        if (migrationProvider is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        result.Steps.Select(s => s.Version).Should().Equal(1);
        result.Repeatables.Should().ContainSingle("the same directory added twice is read once");
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"book_titles\"")).Should().Be(0);
    }

    private static IMigrationRunner SqlRunner(ISpecificationDatabase database, SqlFolder folder, Action<MigrationKitOptions>? configure = null, TimeProvider? time = null)
    {
        var builder = new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddSqlMigrationsFrom(folder.Path);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        if (time is not null)
        {
            builder.UseTimeProvider(time);
        }

        return builder.Build();
    }

    /// <summary>A database with a table, a row, history and journal, so that "unchanged" has something to compare.</summary>
    private static async Task<DatabaseSnapshot> SeededSnapshotAsync(ISpecificationDatabase database)
    {
        await using (var seed = new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations(typeof(Migrations.BadInput.Seed.CreateItems)).Build())
        {
            await seed.MigrateUpAsync();
        }

        var snapshot = await DatabaseSnapshot.CaptureAsync(database);
        snapshot.History.Should().NotBeEmpty();
        snapshot.SeedRows.Should().Be(2);
        return snapshot;
    }
}
