using System.Data.Common;
using MigrationKit.History;
using MigrationKit.Specification.Migrations.Basic;
using MigrationKit.Specification.Support;
using Edited = MigrationKit.Specification.Migrations.Edited;
using RawSql = MigrationKit.Specification.Migrations.RawSql;

namespace MigrationKit.Specification;

/// <summary>
/// The runner on a provider: failures leave schema and history exactly as before, history and journal contents,
/// status, validation and repair, baseline, dry runs, targets, irreversible and invalid migrations, cancellation,
/// the reversibility check and non-transactional migrations.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class RunnerSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>The target's name is the one its providers report, which keys raw SQL variants.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Provider_Name_IsTheTargetsProviderName()
    {
        await using var database = await CreateDatabaseAsync();
        await using var provider = new CountingProvider(database.CreateProvider());

        provider.Name.Should().Be(Target.ProviderName);
        provider.SqlGenerator.ProviderName.Should().Be(Target.ProviderName);
        provider.DisplayName.Should().NotBeNullOrWhiteSpace();
    }

    /// <summary>A fresh database has no tables and no history.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CreateDatabase_IsEmpty()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");

        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.GetJournalAsync()).Should().BeEmpty();
        (await runner.GetStatusAsync()).Pending.Select(p => p.Version).Should().Equal(1, 2, 3);
    }

    /// <summary>A migration that fails part way is rolled back: schema, data and history are exactly as before, and the journal keeps the failure.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_MigrationFailsHalfWay_LeavesSchemaAndHistoryExactlyAsBefore()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Failing");
        await runner.MigrateUpAsync(1);
        var schemaBefore = await runner.ReadSchemaAsync();
        var historyBefore = await runner.GetHistoryAsync();

        var act = () => runner.MigrateUpAsync();

        var failure = (await act.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.Version.Should().Be(2);
        failure.Direction.Should().Be(MigrationDirection.Up);
        failure.Transactional.Should().BeTrue();
        failure.Statement.Should().Contain("no_such_table");
        failure.InnerException.Should().BeAssignableTo<DbException>("the provider's own exception is kept");
        failure.Message.Should().Contain("Migration 2 'Half way then broken SQL'").And.Contain("rolled back");
        (await runner.ReadSchemaAsync()).CompareTo(schemaBefore).Should().BeEmpty();
        (await runner.ReadSchemaAsync()).FindTable(new("half")).Should().BeNull();
        (await runner.GetHistoryAsync()).Should().BeEquivalentTo(historyBefore);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"items\"")).Should().Be(0, "the rows inserted before the failure were rolled back");
        var journal = await runner.GetJournalAsync();
        journal.Last().Should().Match<JournalEntry>(j => j.Version == 2 && j.Action == JournalAction.Up && j.Status == JournalStatus.Failed && j.Error!.Contains("no_such_table"));
        (await runner.GetStatusAsync()).Migrations.Single(m => m.Version == 2).State.Should().Be(MigrationState.Pending);
    }

    /// <summary>In an all-or-nothing run, one failure undoes every migration of the run.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_AllOrNothingRunFails_AppliesNoMigrationOfTheRun()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Failing", o => o.RunTransaction = MigrationRunTransaction.AllOrNothing);

        var act = () => runner.MigrateUpAsync();

        (await act.Should().ThrowAsync<MigrationFailedException>()).Which.Version.Should().Be(2);
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty("migration 1 was part of the same all-or-nothing transaction");
        (await runner.GetJournalAsync()).Should().ContainSingle().Which.Should().Match<JournalEntry>(j => j.Version == 2 && j.Status == JournalStatus.Failed);
    }

    /// <summary>An all-or-nothing run that succeeds applies every migration under one run id.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_AllOrNothingRunSucceeds_AppliesEveryMigration()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic", o => o.RunTransaction = MigrationRunTransaction.AllOrNothing);

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2, 3);
        result.ToVersion.Should().Be(3);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);
        (await runner.GetJournalAsync()).Should().HaveCount(3).And.OnlyContain(j => j.RunId == result.RunId && j.Status == JournalStatus.Succeeded);
    }

    /// <summary>Each history row records the version, description, a v1 checksum, who, when (from the runner's clock), how long, and the library version.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_RecordsHistoryWithChecksumTimeDurationAndWho()
    {
        await using var database = await CreateDatabaseAsync();
        var clock = new ManualTimeProvider(Start);
        await using var runner = Runner(database, "Basic", o => o.AppliedBy = "ci@build-7", clock);

        await runner.MigrateUpAsync();

        var history = await runner.GetHistoryAsync();
        history.Select(h => h.Version).Should().Equal(1, 2, 3);
        history.Select(h => h.Description).Should().Equal("Create items", "Add price", "Index names");
        history.Should().OnlyContain(h => h.AppliedBy == "ci@build-7" && h.AppliedAt == Start && h.Duration >= TimeSpan.Zero && h.LibraryVersion.Length > 0);
        history.Should().OnlyContain(h => h.Checksum.StartsWith("v1:", StringComparison.Ordinal) && h.Checksum.Length == 67);
        history.Select(h => h.Checksum).Should().OnlyHaveUniqueItems();
        var status = await runner.GetStatusAsync();
        status.Migrations.Select(m => m.AppliedChecksum).Should().Equal(history.Select(h => h.Checksum));
        status.Migrations.Should().OnlyContain(m => m.CodeChecksum == m.AppliedChecksum);
    }

    /// <summary>The journal records every step of every run, up and down, with run ids, times, durations and who ran it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Journal_RecordsEveryStepOfEveryRun()
    {
        await using var database = await CreateDatabaseAsync();
        var clock = new ManualTimeProvider(Start);
        await using var runner = Runner(database, "Basic", o => o.AppliedBy = "operator", clock);

        var up = await runner.MigrateUpAsync();
        clock.Advance(TimeSpan.FromHours(1));
        var down = await runner.RollbackAsync(2);

        up.RunId.Should().NotBe(down.RunId);
        var journal = await runner.GetJournalAsync();
        journal.Select(j => (j.Version, j.Action, j.Status)).Should().Equal(
            (1L, JournalAction.Up, JournalStatus.Started),
            (1L, JournalAction.Up, JournalStatus.Succeeded),
            (2L, JournalAction.Up, JournalStatus.Started),
            (2L, JournalAction.Up, JournalStatus.Succeeded),
            (3L, JournalAction.Up, JournalStatus.Started),
            (3L, JournalAction.Up, JournalStatus.Succeeded),
            (3L, JournalAction.Down, JournalStatus.Started),
            (3L, JournalAction.Down, JournalStatus.Succeeded),
            (2L, JournalAction.Down, JournalStatus.Started),
            (2L, JournalAction.Down, JournalStatus.Succeeded));
        journal.Take(6).Should().OnlyContain(j => j.RunId == up.RunId && j.OccurredAt == Start);
        journal.Skip(6).Should().OnlyContain(j => j.RunId == down.RunId && j.OccurredAt == Start.AddHours(1));
        journal.Should().OnlyContain(j => j.AppliedBy == "operator" && j.Error == null);
        journal.Should().OnlyContain(j => j.Status == JournalStatus.Started ? j.Duration == null : j.Duration >= TimeSpan.Zero, "a step's start is written before it runs (so an interrupted step stays visible), its outcome with its duration");
        journal.Select(j => j.Id).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
    }

    /// <summary>Status lists applied migrations with their times and durations and pending ones without.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task GetStatus_PartlyMigrated_ListsAppliedAndPending()
    {
        await using var database = await CreateDatabaseAsync();
        var clock = new ManualTimeProvider(Start);
        await using var runner = Runner(database, "Basic", time: clock);

        await runner.MigrateUpAsync(2);

        var status = await runner.GetStatusAsync();
        status.Migrations.Select(m => (m.Version, m.State)).Should().Equal((1L, MigrationState.Applied), (2L, MigrationState.Applied), (3L, MigrationState.Pending));
        status.CurrentVersion.Should().Be(2);
        status.IsUpToDate.Should().BeFalse();
        status.Applied.Should().OnlyContain(m => m.AppliedAt == Start && m.Duration >= TimeSpan.Zero);
        status.Pending.Should().ContainSingle().Which.Should().Match<MigrationStatusEntry>(m => m.AppliedAt == null && m.Duration == null && m.Description == "Index names");
        (await runner.ValidateAsync()).Should().BeEquivalentTo(status, "pending migrations are not a validation problem");
    }

    /// <summary>A migration applied by newer code but missing from this code is reported, and blocks a run unless ignored.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_AppliedMigrationMissingFromCode_ThrowsUnlessIgnored()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var full = Runner(database, "Basic"))
        {
            await full.MigrateUpAsync();
        }

        await using var older = new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations(typeof(CreateItems), typeof(AddPrice)).Build();
        var act = () => older.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<AppliedMigrationMissingException>()).Which;
        error.Problems.Select(p => p.Version).Should().Equal(3);
        error.Message.Should().Contain("3 'Index names' is applied but not in the code").And.Contain("ahead of this code");
        (await older.GetStatusAsync()).Migrations.Select(m => (m.Version, m.State)).Should().Equal(
            (1L, MigrationState.Applied), (2L, MigrationState.Applied), (3L, MigrationState.Missing));
        await older.Invoking(r => r.ValidateAsync()).Should().ThrowAsync<AppliedMigrationMissingException>();
        (await older.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);

        await using var tolerant = new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations(typeof(CreateItems), typeof(AddPrice))
            .Configure(o => o.IgnoreMissingMigrations = true).Build();
        (await tolerant.MigrateUpAsync()).NothingToDo.Should().BeTrue();
    }

    /// <summary>An applied migration edited since is Modified; runs and validation refuse it until RepairAsync re-records its checksum.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_AppliedMigrationEdited_ThrowsChecksumMismatchUntilRepaired()
    {
        await using var database = await CreateDatabaseAsync();
        try
        {
            string originalChecksum;
            await using (var runner = Runner(database, "Edited"))
            {
                await runner.MigrateUpAsync(1);
                originalChecksum = (await runner.GetHistoryAsync()).Single().Checksum;
            }

            Edited.CreateItems.NameLength = 60;
            await using var edited = Runner(database, "Edited");

            var act = () => edited.MigrateUpAsync();

            var error = (await act.Should().ThrowAsync<MigrationChecksumMismatchException>()).Which;
            error.Problems.Should().ContainSingle().Which.Version.Should().Be(1);
            error.Message.Should().Contain("edited after it was applied").And.Contain("RepairAsync");
            var status = await edited.GetStatusAsync();
            status.Migrations.Select(m => (m.Version, m.State)).Should().Equal((1L, MigrationState.Modified), (2L, MigrationState.Pending));
            status.Migrations[0].AppliedChecksum.Should().Be(originalChecksum);
            status.Migrations[0].CodeChecksum.Should().NotBe(originalChecksum).And.StartWith("v1:");
            await edited.Invoking(r => r.ValidateAsync()).Should().ThrowAsync<MigrationChecksumMismatchException>();
            (await edited.GetHistoryAsync()).Select(h => h.Version).Should().Equal([1L], "the failed run applied nothing");

            (await edited.RepairAsync()).Should().Equal(1);

            (await edited.GetHistoryAsync()).Single().Checksum.Should().Be(status.Migrations[0].CodeChecksum);
            (await edited.GetJournalAsync()).Last().Should().Match<JournalEntry>(j => j.Version == 1 && j.Action == JournalAction.Repair && j.Status == JournalStatus.Succeeded);
            (await edited.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2);
            (await edited.ValidateAsync()).IsUpToDate.Should().BeTrue();
        }
        finally
        {
            Edited.CreateItems.NameLength = Edited.CreateItems.OriginalNameLength;
        }
    }

    /// <summary>With checksum verification off, an edited migration does not block a run.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_ChecksumVerificationOff_RunsDespiteAnEditedMigration()
    {
        await using var database = await CreateDatabaseAsync();
        try
        {
            await using (var runner = Runner(database, "Edited"))
            {
                await runner.MigrateUpAsync(1);
            }

            Edited.CreateItems.NameLength = 70;
            await using var lenient = Runner(database, "Edited", o => o.VerifyChecksums = false);

            (await lenient.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2);
            await lenient.Invoking(r => r.ValidateAsync()).Should().ThrowAsync<MigrationChecksumMismatchException>("ValidateAsync always checks");
        }
        finally
        {
            Edited.CreateItems.NameLength = Edited.CreateItems.OriginalNameLength;
        }
    }

    /// <summary>Raw SQL saved again with other line endings, a BOM or trailing whitespace is not an edit; a real change is.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Validate_RawSqlEditedOnlyInLineEndingsBomOrTrailingSpace_IsNotFlagged()
    {
        await using var database = await CreateDatabaseAsync();
        try
        {
            await using (var runner = Runner(database, "RawSql"))
            {
                await runner.MigrateUpAsync();
            }

            (await database.ScalarAsync("SELECT COUNT(*) FROM \"raw_items\"")).Should().Be(1);

            RawSql.RawItems.Sql = "\uFEFF" + RawSql.RawItems.Original.Replace("\n", "\r\n", StringComparison.Ordinal) + "   \r\n";
            await using (var resaved = Runner(database, "RawSql"))
            {
                (await resaved.ValidateAsync()).IsUpToDate.Should().BeTrue();
                (await resaved.GetStatusAsync()).Migrations.Single().State.Should().Be(MigrationState.Applied);
            }

            RawSql.RawItems.Sql = RawSql.RawItems.Original.Replace("VALUES (1)", "VALUES (2)", StringComparison.Ordinal);
            await using var changed = Runner(database, "RawSql");
            await changed.Invoking(r => r.ValidateAsync()).Should().ThrowAsync<MigrationChecksumMismatchException>();
        }
        finally
        {
            RawSql.RawItems.Sql = RawSql.RawItems.Original;
        }
    }

    /// <summary>Baseline records the migrations up to a version without running them; later ones then run normally.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Baseline_ExistingDatabase_RecordsVersionsWithoutRunningThem()
    {
        await using var database = await CreateDatabaseAsync();
        await database.ExecuteAsync("CREATE TABLE \"items\" (\"id\" BIGINT NOT NULL PRIMARY KEY, \"name\" VARCHAR(50) NULL)");
        await database.ExecuteAsync("INSERT INTO \"items\" (\"id\", \"name\") VALUES (1, 'kept')");
        var clock = new ManualTimeProvider(Start);
        await using var runner = Runner(database, "Basic", time: clock);

        (await runner.BaselineAsync(1)).Should().Equal(1);

        var status = await runner.GetStatusAsync();
        status.Applied.Select(a => a.Version).Should().Equal(1);
        status.Applied.Single().AppliedAt.Should().Be(Start);
        status.Pending.Select(a => a.Version).Should().Equal(2, 3);
        (await runner.GetJournalAsync()).Should().ContainSingle().Which.Should().Match<JournalEntry>(j => j.Version == 1 && j.Action == JournalAction.Baseline && j.Status == JournalStatus.Succeeded);
        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2, 3);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"items\" WHERE \"name\" = 'kept'")).Should().Be(1, "baseline ran nothing");
        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Columns.Select(c => c.Name).Should().Equal("id", "name", "price");
        await runner.Invoking(r => r.BaselineAsync(1)).Should().ThrowAsync<MigrationKitException>().WithMessage("*already has a migration history*");
        await runner.Invoking(r => r.BaselineAsync(42)).Should().ThrowAsync<MigrationTargetException>();
    }

    /// <summary>A dry run returns the SQL of every pending step and changes neither schema, history nor journal.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Script_OnEmptyDatabase_ReturnsSqlOfEachPendingStepAndChangesNothing()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");

        var script = await runner.ScriptAsync();

        script.Steps.Select(s => s.Version).Should().Equal(1, 2, 3);
        script.Steps.Should().OnlyContain(s => s.Direction == MigrationDirection.Up && s.Transactional && s.Statements.Count > 0);
        script.Steps[0].Statements.Should().Contain(s => s.Contains("CREATE TABLE", StringComparison.OrdinalIgnoreCase) && s.Contains("items", StringComparison.Ordinal));
        script.Steps[1].Statements.Should().Contain(s => s.Contains("price", StringComparison.Ordinal));
        script.Steps[2].Statements.Should().Contain(s => s.Contains("ix_items_name", StringComparison.Ordinal));
        script.ToSql().Should().Contain("-- 1 Create items (Up)").And.Contain("-- 3 Index names (Up)");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.GetJournalAsync()).Should().BeEmpty();
        (await runner.GetStatusAsync()).Pending.Should().HaveCount(3);
    }

    /// <summary>A dry run on a partly migrated database scripts only the pending steps up to the target, and changes nothing.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Script_PartlyMigrated_ScriptsOnlyPendingStepsUpToTheTarget()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");
        await runner.MigrateUpAsync(1);
        var schema = await runner.ReadSchemaAsync();

        var script = await runner.ScriptAsync(2);

        script.Steps.Should().ContainSingle().Which.Version.Should().Be(2);
        (await runner.ScriptAsync()).Steps.Select(s => s.Version).Should().Equal(2, 3);
        (await runner.ReadSchemaAsync()).CompareTo(schema).Should().BeEmpty();
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
        await runner.Invoking(r => r.ScriptAsync(99)).Should().ThrowAsync<MigrationTargetException>();
    }

    /// <summary>Up to a version applies exactly the migrations up to it; down to a version reverts newest first; down to 0 empties the database.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUpAndDown_ToVersions_ApplyAndRevertExactlyThoseSteps()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");

        var toTwo = await runner.MigrateUpAsync(2);

        toTwo.Steps.Select(s => s.Version).Should().Equal(1, 2);
        toTwo.Direction.Should().Be(MigrationDirection.Up);
        (toTwo.FromVersion, toTwo.ToVersion).Should().Be((0L, 2L));
        var atTwo = await runner.ReadSchemaAsync();
        atTwo.FindTable(new("items"))!.Columns.Select(c => c.Name).Should().Equal("id", "name", "price");
        atTwo.FindTable(new("items"))!.Indexes.Should().BeEmpty();

        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(3);

        var toOne = await runner.MigrateDownAsync(1);
        toOne.Steps.Select(s => (s.Version, s.Direction)).Should().Equal((3L, MigrationDirection.Down), (2L, MigrationDirection.Down));
        (toOne.FromVersion, toOne.ToVersion).Should().Be((3L, 1L));
        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Columns.Select(c => c.Name).Should().Equal("id", "name");

        var toZero = await runner.MigrateDownAsync(0);
        toZero.Steps.Select(s => s.Version).Should().Equal(1);
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.MigrateDownAsync(0)).NothingToDo.Should().BeTrue();
    }

    /// <summary>Rolling back N steps reverts the N newest migrations, newest first.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_TwoSteps_RevertsNewestFirst()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");
        await runner.MigrateUpAsync();

        var result = await runner.RollbackAsync(2);

        result.Steps.Select(s => s.Version).Should().Equal(3, 2);
        result.Direction.Should().Be(MigrationDirection.Down);
        result.ToVersion.Should().Be(1);
        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Columns.Select(c => c.Name).Should().Equal("id", "name");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);
    }

    /// <summary>When nothing is pending, a run does nothing and says so.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_WhenNothingPending_ReturnsEmptyResultAndKeepsHistory()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var first = Runner(database, "Basic"))
        {
            await first.MigrateUpAsync();
        }

        await using var second = Runner(database, "Basic");
        var result = await second.MigrateUpAsync();

        result.NothingToDo.Should().BeTrue();
        result.FromVersion.Should().Be(3);
        result.ToVersion.Should().Be(3);
        (await second.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);
        (await second.GetJournalAsync()).Should().HaveCount(6, "a run with nothing to do writes no journal entry (the first run wrote a start and an outcome per step)");
    }

    /// <summary>
    /// A startup with nothing pending answers from the recorded digest of the applied set, one read, without reading the
    /// history rows: proven by renaming the column the full read selects, which only the digest read survives. Once a
    /// migration is pending the digest differs and the full read runs again.
    /// </summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_NothingPendingAndDigestCurrent_AnswersWithoutReadingTheHistoryRows()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var first = Runner(database, "Basic"))
        {
            await first.MigrateUpAsync(2);
        }

        await database.ExecuteAsync("ALTER TABLE \"__migrationkit_history\" RENAME COLUMN \"checksum\" TO \"checksum_elsewhere\"");
        await using var second = Runner(database, "Basic");

        var result = await second.MigrateUpAsync(2);

        result.NothingToDo.Should().BeTrue();
        result.ToVersion.Should().Be(2);
        await second.Invoking(r => r.MigrateUpAsync()).Should().ThrowAsync<MigrationBookkeepingException>("migration 3 is pending, so the digest differs from the code's and the full read runs");
        await database.ExecuteAsync("ALTER TABLE \"__migrationkit_history\" RENAME COLUMN \"checksum_elsewhere\" TO \"checksum\"");
        (await second.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(3);
    }

    /// <summary>An unknown target is refused before the database is touched, listing the known versions.</summary>
    /// <param name="target">The unknown target.</param>
    /// <returns>A task that completes when the check is done.</returns>
    [TestCase(99L)]
    [TestCase(0L)]
    public async Task MigrateUp_UnknownTarget_ThrowsListingKnownVersions(long target)
    {
        await using var database = await CreateDatabaseAsync();
        var provider = new CountingProvider(database.CreateProvider());
        await using var runner = Runner(provider, "Basic");

        var act = () => runner.MigrateUpAsync(target);

        var error = (await act.Should().ThrowAsync<MigrationTargetException>()).Which;
        error.Target.Should().Be(target);
        error.Message.Should().Contain($"version {target}").And.Contain("Known versions: 1, 2, 3");
        provider.ConnectionsOpened.Should().Be(0, "the target is checked before the database is opened");
    }

    /// <summary>Down to a negative or unknown version, or rolling back more steps than are applied, throws and changes nothing.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateDown_BelowFirstVersionOrUnknown_ThrowsAndKeepsHistory()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");
        await runner.MigrateUpAsync();
        var schema = await runner.ReadSchemaAsync();

        var negative = () => runner.MigrateDownAsync(-1);
        var unknown = () => runner.MigrateDownAsync(42);
        var tooMany = () => runner.RollbackAsync(4);

        (await negative.Should().ThrowAsync<MigrationTargetException>()).Which.Message.Should().Contain("neither 0");
        (await unknown.Should().ThrowAsync<MigrationTargetException>()).Which.Target.Should().Be(42);
        (await tooMany.Should().ThrowAsync<MigrationTargetException>()).Which.Message.Should().Contain("only 3 migration(s) are applied");
        await runner.Invoking(r => r.RollbackAsync(0)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2, 3);
        (await runner.ReadSchemaAsync()).CompareTo(schema).Should().BeEmpty();
    }

    /// <summary>Reverting a migration without Down whose Up cannot be inverted throws, naming the migration and the operation, and changes nothing.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_MigrationWithoutDownHoldsDropColumn_ThrowsNamingMigrationAndOperation()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Irreversible");
        await runner.MigrateUpAsync();
        var schemaBefore = await runner.ReadSchemaAsync();

        var act = () => runner.RollbackAsync();

        var error = (await act.Should().ThrowAsync<IrreversibleMigrationException>()).Which;
        error.Version.Should().Be(2);
        error.MigrationName.Should().Be("DropLegacy");
        error.Operation.Should().Be("drop column items.legacy");
        error.Message.Should().Contain("Override Down in DropLegacy");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
        (await runner.ReadSchemaAsync()).CompareTo(schemaBefore).Should().BeEmpty();
    }

    /// <summary>Duplicate versions are refused when the runner is built, in one error listing every duplicate, before the database is touched.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Build_DuplicateVersions_ThrowsOneErrorListingEveryDuplicate()
    {
        await using var database = await CreateDatabaseAsync();
        await using var provider = new CountingProvider(database.CreateProvider());

        var act = () => Runner(provider, "Duplicates");

        var error = act.Should().Throw<DuplicateMigrationVersionException>().Which;
        error.Duplicates.Keys.Should().BeEquivalentTo([7L, 9L]);
        error.Duplicates[7].Should().HaveCount(2);
        error.Message.Should().Contain("version 7").And.Contain("Duplicates.First").And.Contain("Duplicates.Second")
            .And.Contain("version 9").And.Contain("Duplicates.Third").And.Contain("Duplicates.Fourth").And.Contain("unique version");
        provider.ConnectionsOpened.Should().Be(0, "discovery fails before the database is touched");
    }

    /// <summary>A migration with an invalid identifier is refused with the migration named, and nothing is created.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_MigrationWithEmptyIdentifier_ThrowsInvalidMigrationAndCreatesNothing()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "BadIdentifier");

        var act = () => runner.MigrateUpAsync();

        var error = (await act.Should().ThrowAsync<InvalidMigrationException>()).Which;
        error.Version.Should().Be(1);
        error.MigrationName.Should().Contain("EmptyColumnName");
        error.InnerException.Should().BeAssignableTo<ArgumentException>();
        error.Message.Should().Contain("Migration 1").And.Contain("EmptyColumnName");
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
    }

    /// <summary>A run cancelled before it starts throws and applies nothing.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_CancelledBeforeStart_ThrowsAndAppliesNothing()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var act = () => runner.MigrateUpAsync(cancellationToken: cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await runner.GetHistoryAsync()).Should().BeEmpty();
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
    }

    /// <summary>The reversibility check passes for migrations whose Down restores the schema, and leaves them applied.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CheckReversibility_GoodMigrations_PassesAndLeavesThemApplied()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Basic");

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2, 3);
        report.IsReversible.Should().BeTrue(report.ToString());
        report.Problems.Should().BeEmpty();
        (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue("the check leaves every migration applied");
        (await runner.ReadSchemaAsync()).FindTable(new("items"))!.Indexes.Select(i => i.Name).Should().Equal("ix_items_name");
    }

    /// <summary>The reversibility check reports a Down that forgets part of its Up, with the difference, and checks the rest.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CheckReversibility_DownForgetsAColumn_ReportsThatMigrationWithTheDifference()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "WrongDown");

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2, 3);
        report.IsReversible.Should().BeFalse();
        var problem = report.Problems.Should().ContainSingle().Which;
        problem.Version.Should().Be(2);
        problem.Differences.Should().Contain(d => d.Contains("code", StringComparison.Ordinal));
        report.ToString().Should().Contain("2 'Add column and index, with a Down that forgets the column'");
        (await runner.ReadSchemaAsync()).FindTable(new("others")).Should().NotBeNull("the migrations after the wrong one were checked and applied");
    }

    /// <summary>The reversibility check reports a migration that cannot be reverted, with the operation, and checks the rest.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CheckReversibility_IrreversibleMigration_ReportsTheError()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "Irreversible");

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2);
        var problem = report.Problems.Should().ContainSingle().Which;
        problem.Version.Should().Be(2);
        problem.Error.Should().Contain("drop column items.legacy");
    }

    /// <summary>A non-transactional migration runs, and the journal shows it started before it succeeded.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_NonTransactionalMigration_RunsAndIsJournaledAsStartedThenSucceeded()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "NoTransaction");

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version).Should().Equal(1, 2);
        runner.Migrations.Single(m => m.Version == 2).Transaction.Should().Be(MigrationTransactionMode.None);
        (await runner.GetJournalAsync()).Where(j => j.Version == 2).Select(j => j.Status).Should().Equal(JournalStatus.Started, JournalStatus.Succeeded);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"notes\"")).Should().Be(2);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
    }

    /// <summary>A non-transactional migration that fails part way is Incomplete and blocks every run until RepairAsync clears it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MigrateUp_NonTransactionalMigrationFails_IsIncompleteAndBlocksUntilRepaired()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "NoTransactionFailing");

        var first = () => runner.MigrateUpAsync();

        var failure = (await first.Should().ThrowAsync<MigrationFailedException>()).Which;
        failure.Version.Should().Be(2);
        failure.Transactional.Should().BeFalse();
        failure.Message.Should().Contain("without a transaction").And.Contain("RepairAsync");
        (await runner.ReadSchemaAsync()).FindTable(new("first_half")).Should().NotBeNull("the statement before the failure ran outside a transaction");
        (await runner.GetStatusAsync()).Migrations.Single(m => m.Version == 2).State.Should().Be(MigrationState.Incomplete);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);

        var again = () => runner.MigrateUpAsync();
        (await again.Should().ThrowAsync<IncompleteMigrationException>()).Which.Versions.Should().Equal(2);
        var down = () => runner.RollbackAsync();
        await down.Should().ThrowAsync<IncompleteMigrationException>();

        await database.ExecuteAsync("DROP TABLE \"first_half\"");
        (await runner.RepairAsync()).Should().Equal(2);
        (await runner.GetStatusAsync()).Migrations.Single(m => m.Version == 2).State.Should().Be(MigrationState.Pending);
        var journal = (await runner.GetJournalAsync()).Where(j => j.Version == 2).ToArray();
        journal.Select(j => (j.Action, j.Status)).Should().Equal(
            (JournalAction.Up, JournalStatus.Started), (JournalAction.Up, JournalStatus.Incomplete), (JournalAction.Repair, JournalStatus.Succeeded));
        journal[1].Error.Should().NotBeNullOrWhiteSpace();
        (await runner.MigrateUpAsync(1)).NothingToDo.Should().BeTrue("repair unblocks the runner");
    }
}
