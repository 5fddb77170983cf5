using System.Text.Json;
using MigrationKit.Checkpoints;
using MigrationKit.Risk;
using MigrationKit.Specification.Migrations.Plan;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// Plans and their risk on a provider: every rule (MK101…MK123) with a case that triggers it and one that must not,
/// graded on the live database (an empty, a small and a 200,000-row table generated inside the database), the
/// statistics read once per plan, the rendering, and acting on a plan: approval, step-by-step runs, stale plans and
/// the checkpoint policy by risk. Lock rules that exist only where the provider reports table lock modes (PostgreSQL)
/// are asserted absent on the others.
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class PlanSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const int LargeRows = 200_000;
    private readonly List<IAsyncDisposable> _owned = [];
    private string _directory = string.Empty;

    private bool HasTableLocks => Target.ProviderName == "postgresql";

    /// <summary>A private checkpoint folder per test.</summary>
    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "migrationkit-plan", Guid.NewGuid().ToString("N"));

    /// <summary>Disposes the test's runners and databases and deletes its folder.</summary>
    /// <returns>A task that completes when all is released.</returns>
    [TearDown]
    public async Task ReleaseAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _owned.Clear();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>MK101: an index built without CONCURRENTLY is Low on an empty table, High on 200,000 rows; not raised when built concurrently.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK101_IndexWithoutConcurrently_GradedByRows()
    {
        var empty = await PlanAsync(typeof(IndexEmail), rows: 0);
        var large = await PlanAsync(typeof(IndexEmail), rows: LargeRows);
        var concurrent = await PlanAsync(typeof(IndexEmailConcurrently), rows: LargeRows);
        if (HasTableLocks)
        {
            Finding(empty, "MK101").Level.Should().Be(RiskLevel.Low);
            Finding(large, "MK101").Level.Should().Be(RiskLevel.High);
            Finding(large, "MK101").Reason.Should().Contain("SHARE lock").And.Contain("rows");
            large.Steps[^1].Safeguards.Should().Contain(s => s.Name == "CONCURRENTLY" && !s.AppliedByRunner);
            concurrent.Steps[^1].Safeguards.Should().Contain(s => s.Name == "CONCURRENTLY" && s.AppliedByRunner);
        }
        else
        {
            large.Findings.Should().NotContain(f => f.RuleId == "MK101");
        }

        concurrent.Findings.Should().NotContain(f => f.RuleId == "MK101");
        var accounts = large.Statistics!.Tables.Single(t => t.Table.Name == "accounts");
        accounts.Rows.Should().BeGreaterThanOrEqualTo(100_000);
        empty.Statistics!.Tables.Single(t => t.Table.Name == "accounts").Should().Match<Statistics.TableStatistics>(t => t.Rows == 0 && t.RowsExact);
    }

    /// <summary>MK102: dropping an index without CONCURRENTLY; not with it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK102_DropIndexWithoutConcurrently()
    {
        var plain = await PlanAsync(typeof(DropNoteIndex), rows: 10);
        var concurrent = await PlanAsync(typeof(DropNoteIndexConcurrently), rows: 10);
        (plain.Findings.Any(f => f.RuleId == "MK102")).Should().Be(HasTableLocks);
        concurrent.Findings.Should().NotContain(f => f.RuleId == "MK102");
    }

    /// <summary>MK103: int to bigint rewrites the table; varchar(20) to text does not (and the command says so).</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK103_TypeChange_RewriteOnlyWhenNotBinaryCompatible()
    {
        var widen = await PlanAsync(typeof(WidenCounter), rows: 10);
        var toText = await PlanAsync(typeof(CodeToText), rows: 10);
        (widen.Findings.Any(f => f.RuleId == "MK103")).Should().Be(HasTableLocks);
        toText.Findings.Should().NotContain(f => f.RuleId == "MK103");
        if (HasTableLocks)
        {
            widen.Steps[^1].Commands.Should().Contain(c => c.RewritesTable);
            toText.Steps[^1].Commands.Should().NotContain(c => c.RewritesTable);
        }
    }

    /// <summary>MK104: a volatile default rewrites (PostgreSQL); a constant default does not.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK104_VolatileDefault_RewritesConstantDoesNot()
    {
        var constant = await PlanAsync(typeof(AddConstantDefault), rows: 10);
        constant.Findings.Should().NotContain(f => f.RuleId == "MK104");
        if (HasTableLocks)
        {
            var volatileDefault = await PlanAsync(typeof(AddVolatileDefault), rows: 10);
            Finding(volatileDefault, "MK104").Reason.Should().Contain("random()").And.Contain("volatile");
        }
    }

    /// <summary>MK105: SET NOT NULL over NULLs is Critical (the data check counted them); over no NULLs it is only a scan (PostgreSQL).</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK105_SetNotNull_DataChecked()
    {
        var withNulls = await PlanAsync(typeof(EmailNotNull), rows: 10);
        Finding(withNulls, "MK105").Level.Should().Be(RiskLevel.Critical);
        Finding(withNulls, "MK105").Reason.Should().StartWith("5 row(s)");

        var noNulls = await PlanAsync(typeof(EmailNotNull), rows: 10, seed: "UPDATE \"accounts\" SET \"email\" = 'e' || \"id\"");
        noNulls.Findings.Should().NotContain(f => f.RuleId == "MK105" && f.Level == RiskLevel.Critical);
        (noNulls.Findings.Any(f => f.RuleId == "MK105")).Should().Be(HasTableLocks);
    }

    /// <summary>MK106: a NOT NULL column without default is Critical on rows, Low on an empty table.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK106_NotNullWithoutDefault_ByRows()
    {
        Finding(await PlanAsync(typeof(AddRequiredColumn), rows: 10), "MK106").Level.Should().Be(RiskLevel.Critical);
        Finding(await PlanAsync(typeof(AddRequiredColumn), rows: 0), "MK106").Level.Should().Be(RiskLevel.Low);
        (await PlanAsync(typeof(AddNullableColumn), rows: 10)).Findings.Should().NotContain(f => f.RuleId == "MK106");
    }

    /// <summary>MK107 and MK108: a foreign key or check without NOT VALID; not with it.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK107_MK108_ConstraintsWithoutNotValid()
    {
        (await PlanAsync(typeof(OrdersForeignKey), rows: 10)).Findings.Any(f => f.RuleId == "MK107").Should().Be(HasTableLocks);
        (await PlanAsync(typeof(OrdersForeignKeyNotValid), rows: 10)).Findings.Should().NotContain(f => f.RuleId == "MK107");
        (await PlanAsync(typeof(CheckCounter), rows: 10)).Findings.Any(f => f.RuleId == "MK108").Should().Be(HasTableLocks);
        (await PlanAsync(typeof(CheckCounterNotValid), rows: 10)).Findings.Should().NotContain(f => f.RuleId == "MK108");
    }

    /// <summary>MK109: validating in the transaction that added NOT VALID; not when validated in a later migration.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK109_ValidateInSameTransaction()
    {
        Finding(await PlanAsync(typeof(CheckCounterValidated), rows: 10), "MK109").Level.Should().BeOneOf(RiskLevel.Medium, RiskLevel.High);
        (await PlanAsync([typeof(CheckCounterNotValid), typeof(ValidateCounterLater)], rows: 10)).Findings.Should().NotContain(f => f.RuleId == "MK109");
    }

    /// <summary>MK110: a unique constraint over duplicates is Critical (counted); over distinct values it is not Critical.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK110_Unique_DuplicatesCounted()
    {
        var duplicates = await PlanAsync(typeof(UniqueCode), rows: 10);
        Finding(duplicates, "MK110").Level.Should().Be(RiskLevel.Critical);
        Finding(duplicates, "MK110").Reason.Should().StartWith("5 value(s)");
        var distinct = await PlanAsync(typeof(UniqueEmail), rows: 10);
        distinct.Findings.Should().NotContain(f => f.RuleId == "MK110" && f.Level == RiskLevel.Critical);
    }

    /// <summary>MK111: a primary key added to an existing table with NULL keys is Critical; on a clean empty table Low.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK111_PrimaryKeyOnExistingTable()
    {
        const string Events = "CREATE TABLE \"events\" (\"id\" BIGINT NULL)";
        var broken = await PlanAsync(typeof(KeyTheLog), rows: 0, seed: Events + ";INSERT INTO \"events\" (\"id\") VALUES (1), (1), (NULL)");
        Finding(broken, "MK111").Level.Should().Be(RiskLevel.Critical);
        var clean = await PlanAsync(typeof(KeyTheLog), rows: 0, seed: Events);
        Finding(clean, "MK111").Level.Should().Be(RiskLevel.Low);
        (await PlanAsync(typeof(CreateInt64Keyed), rows: 0)).Findings.Should().NotContain(f => f.RuleId == "MK111");
    }

    /// <summary>MK112 with MK190: dropping a column holding values is High, Critical with no checkpoint; a column of NULLs is Low.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK112_DropColumn_ValuesCounted()
    {
        var legacy = await PlanAsync(typeof(DropLegacy), rows: 10);
        Finding(legacy, "MK112").Level.Should().Be(RiskLevel.High);
        Finding(legacy, "MK112").Reason.Should().Contain("the 1 value(s)");
        legacy.Steps[^1].Level.Should().Be(RiskLevel.Critical, "no checkpoint is configured (MK190)");
        Finding(legacy, "MK190").Level.Should().Be(RiskLevel.Critical);
        var spare = await PlanAsync(typeof(DropSpare), rows: 10);
        Finding(spare, "MK112").Level.Should().Be(RiskLevel.Low);
        spare.Findings.Should().NotContain(f => f.RuleId == "MK190");
    }

    /// <summary>MK113: dropping a table with rows is High, an empty one Low.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK113_DropTable_ByRows()
    {
        Finding(await PlanAsync(typeof(DropOrders), rows: 10), "MK113").Level.Should().Be(RiskLevel.High);
        Finding(await PlanAsync(typeof(DropOrders), rows: 0), "MK113").Level.Should().Be(RiskLevel.Low);
    }

    /// <summary>MK114: dropping a schema (PostgreSQL; SQLite has no schemas to drop).</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK114_DropSchema()
    {
        Assume.That(HasTableLocks, "SQLite has no schemas to drop");
        Finding(await PlanAsync(typeof(DropArchiveSchema), rows: 0, seed: "CREATE SCHEMA \"archive\""), "MK114").Level.Should().Be(RiskLevel.Medium);
        (await PlanAsync(typeof(AddNullableColumn), rows: 0)).Findings.Should().NotContain(f => f.RuleId == "MK114");
    }

    /// <summary>MK115 and MK116: renames of existing objects; a table created in the same plan is exempt.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK115_MK116_Renames()
    {
        Finding(await PlanAsync(typeof(RenameNote), rows: 10), "MK115").Level.Should().Be(RiskLevel.Medium);
        Finding(await PlanAsync(typeof(RenameOrders), rows: 10), "MK116").Level.Should().Be(RiskLevel.Medium);
        (await PlanAsync(typeof(AddNullableColumn), rows: 10)).Findings.Should().NotContain(f => f.RuleId == "MK115" || f.RuleId == "MK116");
    }

    /// <summary>MK117: a new 32-bit key, and an existing one near the end of its range (max(id) checked); not for 64-bit keys or low values.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK117_ThirtyTwoBitKeys()
    {
        var created = await PlanAsync(typeof(CreateInt32Keyed), rows: 0);
        var near = await PlanAsync(typeof(TouchSmallKeys), rows: 0, seed: "INSERT INTO \"small_keys\" (\"id\") VALUES (2000000000)");
        var low = await PlanAsync(typeof(TouchSmallKeys), rows: 0, seed: "INSERT INTO \"small_keys\" (\"id\") VALUES (7)");
        (await PlanAsync(typeof(CreateInt64Keyed), rows: 0)).Findings.Should().NotContain(f => f.RuleId == "MK117");
        low.Findings.Should().NotContain(f => f.RuleId == "MK117");
        if (HasTableLocks)
        {
            Finding(created, "MK117").Level.Should().Be(RiskLevel.Medium);
            Finding(near, "MK117").Level.Should().Be(RiskLevel.Critical);
            Finding(near, "MK117").Reason.Should().Contain("2,000,000,000");
        }
        else
        {
            near.Findings.Should().NotContain(f => f.RuleId == "MK117", "SQLite's INTEGER keys are 64-bit");
        }
    }

    /// <summary>MK118: no lock_timeout where table locks exist; the default timeout is a safeguard the runner applies.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK118_MissingLockTimeout()
    {
        var withTimeout = await PlanAsync(typeof(AddNullableColumn), rows: 10);
        withTimeout.Findings.Should().NotContain(f => f.RuleId == "MK118");
        if (HasTableLocks)
        {
            withTimeout.Steps[^1].Safeguards.Should().Contain(s => s.Name.StartsWith("lock_timeout 10 s", StringComparison.Ordinal) && s.AppliedByRunner);
            var database = await NewDatabaseAsync(0);
            var provider = database.CreateProvider();
            var runner = Own(new MigrationRunnerBuilder().UseProvider(provider).AddMigrations(typeof(PlanBase), typeof(LongLockMigration)).Build());
            await runner.MigrateUpAsync(1);
            var plan = await runner.PlanAsync();
            Finding(plan, "MK118").Reason.Should().Contain("no lock_timeout");
        }
    }

    /// <summary>MK119: a foreign key with no index on its columns; not when an index follows in the plan.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK119_ForeignKeyWithoutIndex()
    {
        Finding(await PlanAsync(typeof(CreateUnindexedReference), rows: 10), "MK119").Reason.Should().Contain("payments(account_id)");
        (await PlanAsync(typeof(CreateInt64Keyed), rows: 10)).Findings.Should().NotContain(f => f.RuleId == "MK119");
    }

    /// <summary>MK120: one table rewritten twice in one migration; not when changed once.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK120_SeveralRewrites()
    {
        Finding(await PlanAsync(typeof(TwoCounterChanges), rows: 10), "MK120").Reason.Should().Contain("rewritten 2 times");
        (await PlanAsync(typeof(WidenCounter), rows: 10)).Findings.Should().NotContain(f => f.RuleId == "MK120");
    }

    /// <summary>MK121: a SQLite rebuild, Low on a small table and High on 200,000 rows; never on PostgreSQL (which has no rebuild).</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK121_SqliteRebuild_GradedByRows()
    {
        var small = await PlanAsync(typeof(DropCounterDefault), rows: 10);
        var large = await PlanAsync(typeof(DropCounterDefault), rows: LargeRows);
        if (HasTableLocks)
        {
            large.Findings.Should().NotContain(f => f.RuleId == "MK121");
        }
        else
        {
            Finding(small, "MK121").Level.Should().Be(RiskLevel.Low);
            Finding(large, "MK121").Level.Should().Be(RiskLevel.High);
            large.Steps[^1].Estimate.Source.Should().Contain("rows/s");
        }
    }

    /// <summary>MK122 and MK123: raw SQL classified: a whole-table UPDATE, an unknown statement; a CREATE VIEW and a targeted UPDATE raise nothing.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task MK122_MK123_RawSql()
    {
        var raw = await PlanAsync(typeof(RawStatements), rows: 10);
        Finding(raw, "MK123").Reason.Should().Contain("every row of accounts");
        Finding(raw, "MK122").Reason.Should().Contain("effect unknown").And.Contain("REINDEX");
        raw.Findings.Count(f => f.RuleId == "MK122").Should().Be(1, "the CREATE VIEW is recognised as harmless");
        (await PlanAsync(typeof(RawTargetedUpdate), rows: 10)).Findings.Should().BeEmpty();
    }

    /// <summary>A table created earlier in the same plan is exempt; the statistics are read once for a plan of several steps.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Plan_NewTablesExempt_StatisticsReadOnce()
    {
        var database = Own(await CreateDatabaseAsync());
        var provider = new CountingProvider(database.CreateProvider());
        var runner = Own(new MigrationRunnerBuilder().UseProvider(provider).AddMigrations(typeof(PlanBase), typeof(AddNullableColumn), typeof(AddAnotherNullableColumn)).Build());
        var plan = await runner.PlanAsync();
        plan.Steps.Should().HaveCount(3);
        plan.Findings.Should().NotContain(f => f.Table == "orders" || f.Table == "accounts", "both are created by the first step of the same plan");
        provider.StatisticsReads.Should().Be(1);
        plan.Statistics!.RoundTrips.Should().Be(1);
        plan.Statistics.ServerVersion.Should().NotBeNullOrWhiteSpace();
        plan.Statistics.DatabaseSizeBytes.Should().NotBeNull();
    }

    /// <summary>Plans down and back; the rendering: Markdown table, JSON (source-generated), Mermaid ER diagram.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Plan_DownAndRollback_Rendered()
    {
        var database = await NewDatabaseAsync(10);
        var runner = Runner(database, typeof(DropLegacy));
        await runner.MigrateUpAsync();
        var down = await runner.PlanDownAsync(1);
        var back = await runner.PlanRollbackAsync(2);
        down.Direction.Should().Be(MigrationDirection.Down);
        down.Steps.Select(s => s.Version).Should().Equal(2);
        back.Steps.Select(s => s.Version).Should().Equal(2, 1);
        Finding(back, "MK113").Table.Should().Be(back.Findings.First(f => f.RuleId == "MK113").Table);

        var markdown = back.ToMarkdown();
        markdown.Should().Contain("| step | SQL | risk | reason | safeguards | estimate |").And.Contain("MK113").And.Contain("| accounts |");
        using var json = JsonDocument.Parse(back.ToJson());
        json.RootElement.GetProperty("level").GetString().Should().Be(back.Level.ToString());
        json.RootElement.GetProperty("steps")[1].GetProperty("findings")[0].GetProperty("ruleId").GetString().Should().StartWith("MK");
        var mermaid = (await PlanAsync(typeof(CreateInt64Keyed), rows: 0)).ToMermaid();
        mermaid.Should().StartWith("erDiagram").And.Contain("accounts ||--o{ labels").And.Contain("account_id FK");
    }

    /// <summary>Acting: a plan above the allowed level is refused without approval (nothing run); approved step by step it runs up to the first declined step.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Execute_ApprovalGate_StepByStep()
    {
        var database = await NewDatabaseAsync(10);
        var runner = Runner(database, typeof(DropLegacy), o => o.Risk.RequireApprovalAbove = RiskLevel.Medium);
        var refused = await FluentActions.Awaiting(() => runner.MigrateUpAsync()).Should().ThrowAsync<RiskApprovalRequiredException>();
        refused.Which.Findings.Should().Contain(f => f.RuleId == "MK112");
        refused.Which.Message.Should().Contain("MK112").And.Contain("ExecutePlanAsync");
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal([1L], "nothing ran");

        var plan = await runner.PlanAsync();
        var offered = new List<long>();
        var declined = await runner.ExecutePlanAsync(plan, (step, _) =>
        {
            offered.Add(step.Version);
            step.Findings.Should().Contain(f => f.RuleId == "MK112");
            return ValueTask.FromResult(false);
        });
        offered.Should().Equal(2);
        declined.Steps.Should().BeEmpty();
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1);

        var approved = await runner.ExecutePlanAsync(plan, (_, _) => ValueTask.FromResult(true));
        approved.Steps.Select(s => s.Version).Should().Equal(2);
        (await runner.GetHistoryAsync()).Select(h => h.Version).Should().Equal(1, 2);
    }

    /// <summary>Acting: a plan made stale by another run is refused and nothing runs.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Execute_StalePlan_Refused()
    {
        var database = await NewDatabaseAsync(0);
        var runner = Runner(database, typeof(AddNullableColumn));
        var plan = await runner.PlanAsync();
        plan.Steps.Select(s => s.Version).Should().Equal(2);
        await using (var other = new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations(typeof(PlanBase), typeof(AddNullableColumn)).Build())
        {
            await other.MigrateUpAsync();
        }

        var stale = await FluentActions.Awaiting(() => runner.ExecutePlanAsync(plan)).Should().ThrowAsync<StalePlanException>();
        stale.Which.CurrentVersion.Should().Be(2);
        stale.Which.Message.Should().Contain("PlanAsync again");
        (await runner.PlanAsync()).IsEmpty.Should().BeTrue();

        // Rolled back meanwhile: the history differs from the one the plan was made on, so the plan is refused.
        var down = await runner.PlanRollbackAsync();
        await runner.RollbackAsync();
        await runner.MigrateUpAsync();
        await runner.RollbackAsync();
        var changed = await FluentActions.Awaiting(() => runner.ExecutePlanAsync(down)).Should().ThrowAsync<StalePlanException>();
        changed.Which.Message.Should().Contain("history changed");
    }

    /// <summary>Acting: the BeforeHighRisk policy takes a checkpoint before a High plan and not before a Low one.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Checkpoint_BeforeHighRisk_ByPlanLevel()
    {
        var database = await NewDatabaseAsync(0);
        void Configure(MigrationKitOptions o)
        {
            o.Checkpoints.Directory = _directory;
            o.Checkpoints.Policy = CheckpointPolicy.BeforeHighRisk;
        }

        var runner = Runner(database, typeof(DropLegacy), Configure);
        var low = await runner.PlanAsync(1);
        low.Level.Should().Be(RiskLevel.Low);
        await runner.MigrateUpAsync(1);
        (await runner.RollbackManager.ListCheckpointsAsync()).Should().BeEmpty();
        await database.ExecuteAsync("INSERT INTO \"accounts\" (\"id\", \"legacy\") VALUES (1, 'keep me')");

        var high = await runner.PlanAsync();
        high.Level.Should().Be(RiskLevel.High, "a checkpoint is taken first, so MK190 does not raise it");
        high.Steps[^1].Safeguards.Should().Contain(s => s.Name == "checkpoint first" && s.AppliedByRunner);
        await runner.ExecutePlanAsync(high);
        (await runner.RollbackManager.ListCheckpointsAsync()).Should().ContainSingle().Which.Description.Should().Contain("High");
    }

    /// <summary>Activity now on a touched table (an open transaction holding a lock) raises the step (PostgreSQL reads pg_locks).</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task Activity_OpenTransactionOnTable_RaisesStep()
    {
        Assume.That(HasTableLocks, "only PostgreSQL shows other sessions' locks");
        var database = await NewDatabaseAsync(10);
        var runner = Runner(database, typeof(AddNullableColumn), o => o.Risk.LongTransaction = TimeSpan.Zero);
        var quiet = await runner.PlanAsync();
        quiet.Findings.Should().NotContain(f => f.RuleId == "MK191");

        var holder = database.CreateProvider();
        var connection = await holder.OpenConnectionAsync();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT count(*) FROM \"accounts\"";
                await command.ExecuteScalarAsync();
            }

            var busy = await runner.PlanAsync();
            Finding(busy, "MK191").Reason.Should().Contain("accounts");
            ((int)busy.Steps[^1].Level).Should().BeGreaterThan((int)quiet.Steps[^1].Level);
            busy.Statistics!.Tables.Single(t => t.Table.Name == "accounts").LongTransactions.Should().Be(1);
        }
        finally
        {
            await holder.ReleaseConnectionAsync(connection);
            await DisposeProviderAsync(holder);
        }
    }

    private static RiskFinding Finding(MigrationPlanReport plan, string ruleId)
    {
        plan.Findings.Should().Contain(f => f.RuleId == ruleId, $"rule {ruleId} should fire; the plan says:\n{plan.ToMarkdown()}");
        return plan.Findings.First(f => f.RuleId == ruleId);
    }

    private Task<MigrationPlanReport> PlanAsync(Type change, int rows, string? seed = null) => PlanAsync([change], rows, seed);

    private async Task<MigrationPlanReport> PlanAsync(Type[] changes, int rows, string? seed = null)
    {
        var database = await NewDatabaseAsync(rows);
        if (seed is not null)
        {
            foreach (var statement in seed.Split(';'))
            {
                await database.ExecuteAsync(statement);
            }
        }

        var runner = Own(new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations([typeof(PlanBase), .. changes]).Build());
        return await runner.PlanAsync();
    }

    private IMigrationRunner Runner(ISpecificationDatabase database, Type change, Action<MigrationKitOptions>? configure = null) =>
        Own(new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations(typeof(PlanBase), change).Configure(o => configure?.Invoke(o)).Build());

    /// <summary>A new database with the plan base applied and <paramref name="rows"/> accounts and orders generated inside it.</summary>
    private async Task<ISpecificationDatabase> NewDatabaseAsync(int rows)
    {
        var database = Own(await CreateDatabaseAsync());

        await using (var runner = new MigrationRunnerBuilder().UseProvider(database.CreateProvider()).AddMigrations(typeof(PlanBase)).Build())
        {
            await runner.MigrateUpAsync();
        }

        if (rows > 0)
        {
            await database.ExecuteAsync(
                "INSERT INTO \"accounts\" (\"id\", \"email\", \"legacy\", \"code\", \"counter\") " +
                $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) " +
                "SELECT i, CASE WHEN i % 2 = 0 THEN NULL ELSE 'a' || i END, CASE WHEN i = 1 THEN 'x' END, 'c' || (i % 5), i FROM n");
            await database.ExecuteAsync("INSERT INTO \"orders\" (\"id\", \"account_id\", \"note\") SELECT \"id\", \"id\", 'n' FROM \"accounts\"");
        }

        return database;
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static async ValueTask DisposeProviderAsync(Providers.MigrationProvider provider)
    {
        if (provider is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
