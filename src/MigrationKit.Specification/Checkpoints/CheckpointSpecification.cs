using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Rollback;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// Checkpoints and the way back on a provider: a full checkpoint restores schema and every row after damage; a
/// schema-only one restores the schema without rows; damaged, truncated and missing files are refused with the
/// database untouched; retention with a controlled clock; emergency recovery (scenario 6); status and journal after a
/// restore; the rollback choice between Downs and a checkpoint; and the observer events.
/// </summary>
/// <typeparam name="TTarget">The provider's target; its provider must return a backup from <c>CreateBackup</c>.</typeparam>
[TestFixture]
public abstract class CheckpointSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private string _directory = string.Empty;

    /// <summary>A private checkpoint folder per test.</summary>
    [SetUp]
    public void CreateCheckpointDirectory() =>
        _directory = Path.Combine(Path.GetTempPath(), "migrationkit-checkpoints", Guid.NewGuid().ToString("N"));

    /// <summary>Deletes the test's checkpoint folder.</summary>
    [TearDown]
    public void DeleteCheckpointDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>Checkpoint, damage (drop a table, delete and update rows, add a column), restore: schema model and every row identical.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Restore_AfterDamage_BringsBackSchemaAndEveryRow()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync();
        await SeedShopAsync(database);
        var schemaBefore = await runner.ReadSchemaAsync();
        var contentBefore = await TableContent.ChecksumsAsync(database, schemaBefore);
        var statusBefore = await runner.GetStatusAsync();

        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync(CheckpointKind.Milestone, CheckpointLevel.Full, "before damage");

        await database.ExecuteAsync("DROP TABLE \"orders\"");
        await database.ExecuteAsync("DELETE FROM \"customers\" WHERE \"id\" = 3");
        await database.ExecuteAsync("UPDATE \"customers\" SET \"name\" = 'changed', \"email\" = NULL WHERE \"id\" = 1");
        await database.ExecuteAsync("ALTER TABLE \"customers\" ADD COLUMN \"junk\" INTEGER");
        (await runner.ReadSchemaAsync()).CompareTo(schemaBefore).Should().NotBeEmpty("the damage changed the schema");

        var restore = await runner.RollbackManager.RestoreCheckpointAsync(checkpoint.Id);

        var schemaAfter = await runner.ReadSchemaAsync();
        schemaAfter.CompareTo(schemaBefore).Should().BeEmpty();
        (await TableContent.ChecksumsAsync(database, schemaAfter)).Should().Equal(contentBefore);
        contentBefore["orders"].Should().StartWith("5 rows");
        restore.Version.Should().Be(3);
        restore.TableCount.Should().Be(2);
        restore.Status.Migrations.Select(m => (m.Version, m.State)).Should().Equal(statusBefore.Migrations.Select(m => (m.Version, m.State)));
        (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue();
    }

    /// <summary>A checkpoint's file is written owner-only beside a self-describing JSON metadata file, and listed from it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task CreateCheckpoint_WritesFileAndMetadata_ListedAndVerified()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new ManualTimeProvider(Start);
        await using var runner = ShopRunner(database, time: time);
        await runner.MigrateUpAsync(2);
        await SeedShopAsync(database);

        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync(CheckpointKind.Routine, description: "by hand");

        var file = new FileInfo(Path.Combine(_directory, checkpoint.FileName));
        file.Exists.Should().BeTrue();
        checkpoint.SizeBytes.Should().Be(file.Length).And.BePositive();
        checkpoint.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file.FullName))));
        checkpoint.Version.Should().Be(2);
        checkpoint.CreatedAt.Should().Be(Start);
        checkpoint.Level.Should().Be(CheckpointLevel.Full);
        checkpoint.Kind.Should().Be(CheckpointKind.Routine);
        checkpoint.Provider.Should().Be(Target.ProviderName);
        checkpoint.ServerVersion.Should().NotBeNullOrWhiteSpace();
        checkpoint.Description.Should().Be("by hand");
        var metadata = Path.Combine(_directory, checkpoint.Id + ".json");
        File.ReadAllText(metadata).Should().Contain(checkpoint.Sha256).And.Contain("\"kind\": \"Routine\"");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file.FullName).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(metadata).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Directory.GetFiles(_directory).Select(Path.GetFileName).Should().BeEquivalentTo([checkpoint.FileName, checkpoint.Id + ".json"], "no temporary file is left behind");
        (await runner.RollbackManager.ListCheckpointsAsync()).Should().Equal(checkpoint);
        (await runner.RollbackManager.VerifyCheckpointAsync(checkpoint.Id)).Should().Be(checkpoint);
        var journal = await runner.GetJournalAsync();
        journal.Last().Should().Match<JournalEntry>(j => j.Action == JournalAction.Checkpoint && j.Status == JournalStatus.Succeeded && j.Error!.Contains(checkpoint.Id));

        var deleted = await runner.RollbackManager.DeleteCheckpointAsync(checkpoint.Id);
        deleted.Should().Be(checkpoint);
        Directory.GetFiles(_directory).Should().BeEmpty();
        (await runner.RollbackManager.ListCheckpointsAsync()).Should().BeEmpty();
    }

    /// <summary>A schema-only checkpoint restores every table, index and key, with no user rows; the history keeps its rows.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Restore_SchemaLevel_RestoresSchemaWithoutRows()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync();
        await SeedShopAsync(database);
        var schemaBefore = await runner.ReadSchemaAsync();

        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync(CheckpointKind.Milestone, CheckpointLevel.Schema);
        await database.ExecuteAsync("DROP TABLE \"orders\"");
        await database.ExecuteAsync("INSERT INTO \"customers\" (\"id\", \"name\") VALUES (10, 'later')");

        await runner.RollbackManager.RestoreCheckpointAsync(checkpoint.Id);

        (await runner.ReadSchemaAsync()).CompareTo(schemaBefore).Should().BeEmpty();
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"customers\"")).Should().Be(0);
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"orders\"")).Should().Be(0);
        (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue("the history keeps its rows in a schema-only checkpoint");
    }

    /// <summary>A checkpoint whose file was damaged is refused by its checksum, and the database stays as it was.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Restore_CorruptedFile_IsRefusedAndDatabaseUntouched()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync();
        await SeedShopAsync(database);
        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync();
        await database.ExecuteAsync("UPDATE \"customers\" SET \"name\" = 'after the checkpoint'");
        var (schemaBefore, contentBefore) = await SnapshotAsync(runner, database);
        var path = Path.Combine(_directory, checkpoint.FileName);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        var act = () => runner.RollbackManager.RestoreCheckpointAsync(checkpoint.Id);

        (await act.Should().ThrowAsync<CheckpointException>()).Which.Message.Should().Contain(checkpoint.Id).And.Contain("checksum").And.Contain("not touched");
        await ShouldBeUnchangedAsync(runner, database, schemaBefore, contentBefore);
        await runner.Invoking(r => r.RollbackManager.VerifyCheckpointAsync(checkpoint.Id)).Should().ThrowAsync<CheckpointException>();
    }

    /// <summary>A truncated or missing checkpoint file is refused, and the database stays as it was.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Restore_TruncatedOrMissingFile_IsRefusedAndDatabaseUntouched()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync();
        await SeedShopAsync(database);
        var truncated = await runner.RollbackManager.CreateCheckpointAsync();
        var missing = await runner.RollbackManager.CreateCheckpointAsync();
        await database.ExecuteAsync("DELETE FROM \"orders\" WHERE \"id\" > 2");
        var (schemaBefore, contentBefore) = await SnapshotAsync(runner, database);
        await using (var stream = new FileStream(Path.Combine(_directory, truncated.FileName), FileMode.Open))
        {
            stream.SetLength(stream.Length / 2);
        }

        File.Delete(Path.Combine(_directory, missing.FileName));

        (await runner.Invoking(r => r.RollbackManager.RestoreCheckpointAsync(truncated.Id)).Should().ThrowAsync<CheckpointException>())
            .Which.Message.Should().Contain(truncated.Id).And.Contain("truncated");
        (await runner.Invoking(r => r.RollbackManager.RestoreCheckpointAsync(missing.Id)).Should().ThrowAsync<CheckpointException>())
            .Which.Message.Should().Contain(missing.Id).And.Contain("missing");
        (await runner.Invoking(r => r.RollbackManager.RestoreCheckpointAsync("no-such-checkpoint")).Should().ThrowAsync<CheckpointException>())
            .Which.Message.Should().Contain("no-such-checkpoint").And.Contain("ListCheckpointsAsync");
        await ShouldBeUnchangedAsync(runner, database, schemaBefore, contentBefore);
    }

    /// <summary>Retention by kind with a controlled clock: routine 7 days, emergency 30, milestones kept; pruning also runs after a create.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Prune_WithControlledClock_DeletesByKindRetention()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new ManualTimeProvider(Start);
        await using var runner = ShopRunner(database, time: time);
        await runner.MigrateUpAsync(1);
        var manager = runner.RollbackManager;
        var routine = await manager.CreateCheckpointAsync(CheckpointKind.Routine);
        var emergency = await manager.CreateCheckpointAsync(CheckpointKind.Emergency);
        var milestone = await manager.CreateCheckpointAsync(CheckpointKind.Milestone);

        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        (await manager.PruneCheckpointsAsync()).Should().BeEmpty("nothing is 7 days old yet");

        time.Advance(TimeSpan.FromMinutes(1));
        (await manager.PruneCheckpointsAsync()).Select(c => c.Id).Should().Equal(routine.Id);
        File.Exists(Path.Combine(_directory, routine.FileName)).Should().BeFalse();

        time.Advance(TimeSpan.FromDays(23));
        var later = await manager.CreateCheckpointAsync(CheckpointKind.Routine);
        (await manager.ListCheckpointsAsync()).Select(c => c.Id).Should().Equal([milestone.Id, later.Id], "creating one prunes the emergency checkpoint, now 30 days old");
        File.Exists(Path.Combine(_directory, emergency.FileName)).Should().BeFalse();

        time.Advance(TimeSpan.FromDays(3650));
        (await manager.PruneCheckpointsAsync()).Select(c => c.Id).Should().Equal(later.Id);
        (await manager.ListCheckpointsAsync()).Select(c => c.Id).Should().Equal(milestone.Id);
    }

    /// <summary>Retention periods are configurable.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Prune_ConfiguredRetention_IsUsed()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new ManualTimeProvider(Start);
        await using var runner = ShopRunner(database, o => { o.Checkpoints.MilestoneRetention = TimeSpan.FromHours(1); o.Checkpoints.RoutineRetention = null; }, time);
        await runner.MigrateUpAsync(1);
        var routine = await runner.RollbackManager.CreateCheckpointAsync(CheckpointKind.Routine);
        var milestone = await runner.RollbackManager.CreateCheckpointAsync(CheckpointKind.Milestone);

        time.Advance(TimeSpan.FromDays(400));

        (await runner.RollbackManager.PruneCheckpointsAsync()).Select(c => c.Id).Should().Equal(milestone.Id);
        (await runner.RollbackManager.ListCheckpointsAsync()).Select(c => c.Id).Should().Equal(routine.Id);
    }

    /// <summary>
    /// Scenario 6, emergency recovery: a migration fails after a non-transactional step; the runner stops, reports what
    /// ran and what did not and the checkpoint it took before the run; the checkpoint is restored on request; the
    /// database, status and journal are verified.
    /// </summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task EmergencyRecovery_FailureOutsideTransaction_ReportsCheckpointAndRestoresOnRequest()
    {
        await using var database = await CreateDatabaseAsync();
        var observer = new RecordingObserver();
        await using var runner = Runner(database, "EmergencyRecovery", o => Checkpoints(o, CheckpointPolicy.BeforeRiskyMigrations, observer));
        await runner.MigrateUpAsync(1);
        observer.Created.Should().BeEmpty("migration 1 is transactional and not destructive: no checkpoint");
        await SeedAccountsAsync(database);
        var (schemaBefore, contentBefore) = await SnapshotAsync(runner, database);

        var failure = (await runner.Invoking(r => r.MigrateUpAsync()).Should().ThrowAsync<MigrationFailedException>()).Which;

        failure.Version.Should().Be(3);
        failure.Transactional.Should().BeFalse();
        failure.AppliedInRun.Should().Equal(2);
        failure.NotRun.Should().Equal(4);
        failure.Checkpoint.Should().NotBeNull();
        failure.Checkpoint!.Version.Should().Be(1);
        failure.Checkpoint.Kind.Should().Be(CheckpointKind.Routine);
        failure.Restore.Should().BeNull("RestoreOnFailure is off");
        failure.Message.Should().Contain(failure.Checkpoint.Id).And.Contain("Applied before the failure: 2").And.Contain("not run: 4").And.Contain("no_such_table");
        (await database.ScalarAsync("SELECT SUM(\"balance\") FROM \"accounts\"")).Should().Be(0, "the statements before the broken one ran outside a transaction");
        (await runner.GetStatusAsync()).Migrations.Single(m => m.Version == 3).State.Should().Be(MigrationState.Incomplete);

        var blocked = (await runner.Invoking(r => r.MigrateUpAsync()).Should().ThrowAsync<IncompleteMigrationException>()).Which;
        blocked.Checkpoint.Should().Be(failure.Checkpoint, "the last safe checkpoint is named");
        blocked.Message.Should().Contain(failure.Checkpoint.Id);
        var journalBefore = await runner.GetJournalAsync();

        var restore = await runner.RollbackManager.RestoreCheckpointAsync(failure.Checkpoint.Id);

        await ShouldBeUnchangedAsync(runner, database, schemaBefore, contentBefore);
        restore.Version.Should().Be(1);
        var status = await runner.GetStatusAsync();
        status.Migrations.Select(m => (m.Version, m.State)).Should().Equal((1L, MigrationState.Applied), (2L, MigrationState.Pending), (3L, MigrationState.Pending), (4L, MigrationState.Pending));
        restore.Status.Migrations.Select(m => m.State).Should().Equal(status.Migrations.Select(m => m.State));
        var journal = await runner.GetJournalAsync();
        journal.Select(Key).Should().StartWith(journalBefore.Select(Key), "the audit trail keeps every entry, also those written after the checkpoint");
        journal.Should().Contain(j => j.Version == 3 && j.Status == JournalStatus.Incomplete);
        journal.Last().Should().Match<JournalEntry>(j => j.Action == JournalAction.Restore && j.Error!.Contains(failure.Checkpoint.Id));
        observer.Restored.Should().ContainSingle().Which.Checkpoint.Should().Be(failure.Checkpoint);
    }

    /// <summary>Scenario 6 with RestoreOnFailure: the runner restores the checkpoint itself, verifies, and reports it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task EmergencyRecovery_RestoreOnFailure_RestoresAutomaticallyAndReports()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "EmergencyRecovery", o =>
        {
            Checkpoints(o, CheckpointPolicy.BeforeRiskyMigrations, null);
            o.Checkpoints.RestoreOnFailure = true;
        });
        await runner.MigrateUpAsync(1);
        await SeedAccountsAsync(database);
        var (schemaBefore, contentBefore) = await SnapshotAsync(runner, database);

        var failure = (await runner.Invoking(r => r.MigrateUpAsync()).Should().ThrowAsync<MigrationFailedException>()).Which;

        failure.Restore.Should().NotBeNull();
        failure.Restore!.Checkpoint.Should().Be(failure.Checkpoint);
        failure.Restore.Version.Should().Be(1);
        failure.Message.Should().Contain("restored automatically and verified").And.Contain(failure.Checkpoint!.Id);
        await ShouldBeUnchangedAsync(runner, database, schemaBefore, contentBefore);
        (await runner.GetStatusAsync()).Migrations.Where(m => m.Version > 1).Should().OnlyContain(m => m.State == MigrationState.Pending);
        var runs = await runner.GetRunsAsync();
        runs.Select(r => r.Outcome).Should().Equal([Runs.MigrationRunOutcome.Failed, Runs.MigrationRunOutcome.Succeeded], "the restore keeps the record of the run it undid, written after the checkpoint");
        runs[0].Error.Should().Contain("Migration " + failure.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The policy decides when the runner takes a checkpoint: never, always, or before risky migrations only.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Policy_DecidesWhenTheRunnerTakesACheckpoint()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var never = ShopRunner(database))
        {
            await never.MigrateUpAsync(1);
            (await never.RollbackManager.ListCheckpointsAsync()).Should().BeEmpty();
        }

        await using (var risky = ShopRunner(database, o => o.Checkpoints.Policy = CheckpointPolicy.BeforeRiskyMigrations))
        {
            await risky.MigrateUpAsync(2);
            (await risky.RollbackManager.ListCheckpointsAsync()).Should().BeEmpty("creating an index is neither destructive nor outside a transaction");
        }

        await using (var always = ShopRunner(database, o => o.Checkpoints.Policy = CheckpointPolicy.Always))
        {
            await always.MigrateUpAsync();
            (await always.RollbackManager.ListCheckpointsAsync()).Should().ContainSingle().Which.Should().Match<Checkpoint>(c => c.Version == 2 && c.Kind == CheckpointKind.Routine);
            await always.MigrateUpAsync();
            (await always.RollbackManager.ListCheckpointsAsync()).Should().HaveCount(1, "nothing pending, nothing to protect");
        }
    }

    /// <summary>
    /// BeforeRiskyMigrations also counts a migration marked <c>Destructive</c> and one whose Up has a destructive operation,
    /// and the checkpoint's description says why it was taken.
    /// </summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Policy_BeforeRisky_CountsDestructiveMarkAndDestructiveOperations()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, "RiskyPolicy", o => Checkpoints(o, CheckpointPolicy.BeforeRiskyMigrations, null));

        await runner.MigrateUpAsync(1);
        (await runner.RollbackManager.ListCheckpointsAsync()).Should().BeEmpty();

        await runner.MigrateUpAsync(2);
        var marked = (await runner.RollbackManager.ListCheckpointsAsync()).Should().ContainSingle().Subject;
        marked.Version.Should().Be(1);
        marked.Description.Should().Contain("migration 2 'Clear note bodies by raw SQL' is destructive");

        await runner.MigrateUpAsync(3);
        var checkpoints = await runner.RollbackManager.ListCheckpointsAsync();
        checkpoints.Should().HaveCount(2);
        checkpoints[^1].Version.Should().Be(2);
        checkpoints[^1].Description.Should().Contain("migration 3");
    }

    /// <summary>A custom policy replaces the built-in one and sees the pending migrations with their destructiveness worked out.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Policy_Custom_DecidesFromPendingMigrations()
    {
        await using var database = await CreateDatabaseAsync();
        var policy = new OnlyOperationDestructive();
        await using var runner = Runner(database, "RiskyPolicy", o =>
        {
            Checkpoints(o, CheckpointPolicy.Never, null);
            o.Checkpoints.CustomPolicy = policy;
        });

        await runner.MigrateUpAsync(2);
        await runner.MigrateUpAsync(3);

        policy.Seen.Should().Equal("1:False", "2:True", "3:True");
        (await runner.RollbackManager.ListCheckpointsAsync()).Should().ContainSingle().Which.Version.Should().Be(2);
    }

    /// <summary>Rollback chooses logical when every Down is safe, and says so; it runs the Downs.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_ReversibleSteps_ChoosesLogical()
    {
        await using var database = await CreateDatabaseAsync();
        var observer = new RecordingObserver();
        await using var runner = ShopRunner(database, o => o.Observers.Add(observer));
        await runner.MigrateUpAsync(2);
        await SeedShopAsync(database);

        var plan = await runner.RollbackManager.PlanRollbackAsync(RollbackTarget.StepsBack(1));

        plan.Method.Should().Be(RollbackMethod.Logical);
        plan.FromVersion.Should().Be(2);
        plan.TargetVersion.Should().Be(1);
        plan.Reverted.Should().Equal(2);
        plan.Reason.Should().Contain("reversible").And.Contain("loses no data");
        (await runner.GetStatusAsync()).Applied.Should().HaveCount(2, "planning changes nothing");

        var result = await runner.RollbackManager.RollbackAsync(RollbackTarget.StepsBack(1));

        result.Version.Should().Be(1);
        result.Down!.Steps.Select(s => s.Version).Should().Equal(2);
        (await runner.ReadSchemaAsync()).FindTable(new("orders"))!.Indexes.Should().BeEmpty();
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"orders\"")).Should().Be(5);
        observer.Events.Should().ContainInOrder("applied 1", "applied 2", "reverted 2");
    }

    /// <summary>Rollback chooses physical when a Down destroys data, restoring the checkpoint at the target, and says why.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_DestructiveDown_ChoosesPhysicalWithReason()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync(2);
        await SeedShopAsync(database);
        var (schemaAt2, contentAt2) = await SnapshotAsync(runner, database);
        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync();
        await runner.MigrateUpAsync();
        await database.ExecuteAsync("UPDATE \"customers\" SET \"tier\" = 'gold'");

        var plan = await runner.RollbackManager.PlanRollbackAsync(RollbackTarget.ToVersion(2));

        plan.Method.Should().Be(RollbackMethod.Physical);
        plan.Checkpoint.Should().Be(checkpoint);
        plan.Reapplied.Should().BeEmpty();
        plan.LogicalBlockers.Should().ContainSingle().Which.Should().Contain("Migration 3").And.Contain("destroys data");
        plan.Reason.Should().Contain("not safe").And.Contain(checkpoint.Id);

        var result = await runner.RollbackManager.RollbackAsync(RollbackTarget.ToVersion(2));

        result.Version.Should().Be(2);
        result.Restore.Should().NotBeNull();
        await ShouldBeUnchangedAsync(runner, database, schemaAt2, contentAt2);
        (await runner.GetStatusAsync()).Pending.Select(p => p.Version).Should().Equal(3);
    }

    /// <summary>From a checkpoint older than the target, a physical rollback restores it and applies the migrations up to the target again.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_OlderCheckpoint_RestoresThenMigratesUpToTarget()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync(1);
        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync();
        await runner.MigrateUpAsync();
        await SeedShopAsync(database);
        // Migration 3's Down drops tier: with a value in it, the Down would lose data, so the checkpoint is the way back.
        await database.ExecuteAsync("UPDATE \"customers\" SET \"tier\" = 'gold' WHERE \"id\" = 1");

        var result = await runner.RollbackManager.RollbackAsync(RollbackTarget.ToVersion(2));

        result.Plan.Method.Should().Be(RollbackMethod.Physical);
        result.Plan.Checkpoint.Should().Be(checkpoint);
        result.Plan.Reapplied.Should().Equal(2);
        result.Up!.Steps.Select(s => s.Version).Should().Equal(2);
        result.Version.Should().Be(2);
        (await runner.GetStatusAsync()).Migrations.Select(m => m.State).Should().Equal(MigrationState.Applied, MigrationState.Applied, MigrationState.Pending);
    }

    /// <summary>With a destructive Down and no checkpoint, rollback refuses with the blocking steps and the remedy, and changes nothing.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_NoWayBack_ThrowsNamingTheStepsAndRemedy()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync();
        await SeedShopAsync(database);
        // A Down that drops an empty column loses nothing (and would stay logical): give the column a value to lose.
        await database.ExecuteAsync("UPDATE \"customers\" SET \"tier\" = 'gold' WHERE \"id\" = 1");
        var schemaBefore = await runner.ReadSchemaAsync();

        var error = (await runner.Invoking(r => r.RollbackManager.RollbackAsync(RollbackTarget.ToVersion(1))).Should().ThrowAsync<RollbackNotPossibleException>()).Which;

        error.TargetVersion.Should().Be(1);
        error.Blockers.Should().ContainSingle().Which.Should().Contain("Migration 3 'Add customer tier'").And.Contain("which holds 1 value(s)");
        error.Message.Should().Contain("Take checkpoints");
        (await runner.ReadSchemaAsync()).CompareTo(schemaBefore).Should().BeEmpty();
        await runner.Invoking(r => r.RollbackManager.PlanRollbackAsync(RollbackTarget.ToVersion(4))).Should().ThrowAsync<MigrationTargetException>();
    }

    /// <summary>Rollback to a checkpoint by id restores it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Rollback_ToCheckpoint_RestoresIt()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = ShopRunner(database);
        await runner.MigrateUpAsync(1);
        await SeedShopAsync(database);
        var (schemaBefore, contentBefore) = await SnapshotAsync(runner, database);
        var checkpoint = await runner.RollbackManager.CreateCheckpointAsync();
        await runner.MigrateUpAsync();

        var result = await runner.RollbackManager.RollbackAsync(RollbackTarget.ToCheckpoint(checkpoint.Id));

        result.Plan.Method.Should().Be(RollbackMethod.Physical);
        result.Plan.Reverted.Should().Equal(3, 2);
        result.Version.Should().Be(1);
        await ShouldBeUnchangedAsync(runner, database, schemaBefore, contentBefore);
    }

    /// <summary>The observer hears of migrations applied, checkpoints created (with file and size) and restores completed, with their data.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Observer_ReceivesEventsWithData()
    {
        await using var database = await CreateDatabaseAsync();
        var observer = new RecordingObserver();
        await using var runner = ShopRunner(database, o => { o.Observers.Add(observer); o.Checkpoints.Policy = CheckpointPolicy.Always; });

        await runner.MigrateUpAsync();
        var restore = await runner.RollbackManager.RestoreCheckpointAsync((await runner.RollbackManager.ListCheckpointsAsync()).Single().Id);

        observer.Events.Should().Equal("checkpoint 0", "applied 1", "applied 2", "applied 3", "restored 0");
        var (created, duration) = observer.Created.Single();
        created.SizeBytes.Should().Be(new FileInfo(Path.Combine(_directory, created.FileName)).Length);
        duration.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero);
        observer.Steps.Should().OnlyContain(s => s.Direction == MigrationDirection.Up && s.Duration >= TimeSpan.Zero);
        observer.Restored.Single().Should().Be(restore);
        restore.Version.Should().Be(0);
        (await runner.GetStatusAsync()).Pending.Should().HaveCount(3);
    }

    private static (string, JournalAction, JournalStatus, long?) Key(JournalEntry entry) => (entry.RunId.ToString(), entry.Action, entry.Status, entry.Version);

    private static async Task SeedShopAsync(ISpecificationDatabase database)
    {
        await database.ExecuteAsync("INSERT INTO \"customers\" (\"id\", \"name\", \"email\") VALUES (1, 'Ada', 'ada@example.org'), (2, 'Brian', NULL), (3, 'Chloé ☕', 'c@example.org')");
        await database.ExecuteAsync("INSERT INTO \"orders\" (\"id\", \"customer_id\", \"amount\", \"note\") VALUES (1, 1, 100, 'first'), (2, 1, 250, NULL), (3, 2, 75, 'x'), (4, 3, 1, 'tiny'), (5, 3, 999999, 'big')");
    }

    private static async Task SeedAccountsAsync(ISpecificationDatabase database) =>
        await database.ExecuteAsync("INSERT INTO \"accounts\" (\"id\", \"owner\", \"balance\") VALUES (1, 'Ada', 100), (2, 'Brian', 250), (3, 'Chloé', 75)");

    private static async Task<(DatabaseSchema Schema, IReadOnlyDictionary<string, string> Content)> SnapshotAsync(IMigrationRunner runner, ISpecificationDatabase database)
    {
        var schema = await runner.ReadSchemaAsync();
        return (schema, await TableContent.ChecksumsAsync(database, schema));
    }

    private static async Task ShouldBeUnchangedAsync(IMigrationRunner runner, ISpecificationDatabase database, DatabaseSchema schema, IReadOnlyDictionary<string, string> content)
    {
        var now = await runner.ReadSchemaAsync();
        now.CompareTo(schema).Should().BeEmpty();
        (await TableContent.ChecksumsAsync(database, now)).Should().Equal(content);
    }

    private IMigrationRunner ShopRunner(ISpecificationDatabase database, Action<MigrationKitOptions>? configure = null, TimeProvider? time = null) =>
        Runner(database, "Checkpoints", o =>
        {
            o.Checkpoints.Directory = _directory;
            configure?.Invoke(o);
        }, time);

    private void Checkpoints(MigrationKitOptions options, CheckpointPolicy policy, RecordingObserver? observer)
    {
        options.Checkpoints.Directory = _directory;
        options.Checkpoints.Policy = policy;
        if (observer is not null)
        {
            options.Observers.Add(observer);
        }
    }

    /// <summary>Asks for a checkpoint only before a migration whose Up drops a column (not for one merely marked).</summary>
    private sealed class OnlyOperationDestructive : ICheckpointPolicy
    {
        public List<string> Seen { get; } = [];

        public ValueTask<bool> ShouldCheckpointAsync(IReadOnlyList<MigrationInfo> pending, CancellationToken cancellationToken = default)
        {
            Seen.AddRange(pending.Select(m => $"{m.Version}:{m.Destructive}"));
            return ValueTask.FromResult(pending.Any(m => m.Name == "DropLegacy"));
        }
    }
}
