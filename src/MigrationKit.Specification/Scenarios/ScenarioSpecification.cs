using System.Data.Common;
using MigrationKit.History;
using MigrationKit.Operations;
using MigrationKit.Specification.Support;

namespace MigrationKit.Specification;

/// <summary>
/// End-to-end scenarios from the project's scenario list that every provider must carry: a versioned schema migrated
/// at startup, down to its first version and back (scenario 1), and the agent-system schema (scenario 3).
/// </summary>
/// <typeparam name="TTarget">The provider's target.</typeparam>
[TestFixture]
public abstract class ScenarioSpecification<TTarget> : SpecificationFixture<TTarget>
    where TTarget : ISpecificationTarget, new()
{
    private const string Versioned = "Versioned";
    private const string AgentSystem = "AgentSystem";
    private const string AgentSystemV1 = "202611220900";

    /// <summary>Scenario 1: up to v3 at startup, down to v1 with the schema exactly v1's, back to v3, with status at every point.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task VersionedSchema_UpThenDownToV1ThenUp_SchemaAndStatusMatchEachVersion()
    {
        await using var database = await CreateDatabaseAsync();
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));
        await using var runner = Runner(database, Versioned, time: clock);

        var initial = await runner.GetStatusAsync();
        initial.Pending.Select(p => p.Version).Should().Equal(1, 2, 3);
        initial.Applied.Should().BeEmpty();
        initial.CurrentVersion.Should().Be(0);

        // v1 alone first, to capture exactly what v1's schema is.
        (await runner.MigrateUpAsync(1)).Steps.Select(s => s.Version).Should().Equal(1);
        var v1Schema = await runner.ReadSchemaAsync();
        v1Schema.Tables.Select(t => t.Name.Name).Should().BeEquivalentTo("customers", "orders");
        var atV1First = await runner.GetStatusAsync();
        atV1First.Applied.Select(m => m.Version).Should().Equal(1);
        atV1First.Pending.Select(m => m.Version).Should().Equal(2, 3);

        clock.Advance(TimeSpan.FromMinutes(5));
        var up = await runner.MigrateUpAsync();
        up.Steps.Select(s => s.Version).Should().Equal(2, 3);
        (up.FromVersion, up.ToVersion).Should().Be((1L, 3L));
        var v3Schema = await runner.ReadSchemaAsync();
        v3Schema.Tables.Select(t => t.Name.Name).Should().BeEquivalentTo("customers", "orders", "metadata");
        v3Schema.FindTable(new("customers"))!.FindColumn("status")!.DefaultSql.Should().Contain("active");
        v3Schema.FindTable(new("customers"))!.Indexes.Should().ContainSingle().Which.Should().Match<IndexDefinition>(i => i.Name == "ix_customers_name" && i.IsUnique && i.Filter != null);
        v3Schema.FindTable(new("orders"))!.Indexes.Should().ContainSingle().Which.Should().Match<IndexDefinition>(i => i.Name == "ix_orders_customer_id_placed_at" && i.Columns.SequenceEqual(new[] { "customer_id", "placed_at" }));
        v3Schema.FindTable(new("orders"))!.Columns.Select(c => c.Name).Should().Equal("id", "customer_id", "total", "placed_at", "note");
        v3Schema.FindTable(new("metadata"))!.PrimaryKey!.Columns.Should().Equal("key");

        var atV3 = await runner.GetStatusAsync();
        atV3.IsUpToDate.Should().BeTrue();
        atV3.CurrentVersion.Should().Be(3);
        atV3.Migrations.Select(m => (m.Version, m.State, m.AppliedAt)).Should().Equal(
            (1L, MigrationState.Applied, (DateTimeOffset?)clock.Now.AddMinutes(-5)),
            (2L, MigrationState.Applied, (DateTimeOffset?)clock.Now),
            (3L, MigrationState.Applied, (DateTimeOffset?)clock.Now));
        atV3.Migrations.Should().OnlyContain(m => m.Duration >= TimeSpan.Zero && m.AppliedChecksum!.StartsWith("v1:", StringComparison.Ordinal));

        var down = await runner.MigrateDownAsync(1);
        down.Steps.Select(s => (s.Version, s.Direction)).Should().Equal((3L, MigrationDirection.Down), (2L, MigrationDirection.Down));
        (await runner.ReadSchemaAsync()).CompareTo(v1Schema).Should().BeEmpty("after two Downs the schema is exactly v1's");
        var atV1 = await runner.GetStatusAsync();
        atV1.Applied.Select(m => m.Version).Should().Equal(1);
        atV1.Applied.Single().AppliedAt.Should().Be(clock.Now.AddMinutes(-5), "v1 was never reverted");
        atV1.Pending.Select(m => m.Version).Should().Equal(2, 3);
        atV1.Pending.Should().OnlyContain(m => m.AppliedAt == null && m.Duration == null);

        clock.Advance(TimeSpan.FromMinutes(5));
        (await runner.MigrateUpAsync()).Steps.Select(s => s.Version).Should().Equal(2, 3);
        (await runner.ReadSchemaAsync()).CompareTo(v3Schema).Should().BeEmpty("going back up restores v3's schema");
        var again = await runner.GetStatusAsync();
        again.IsUpToDate.Should().BeTrue();
        again.Migrations.Select(m => m.AppliedAt).Should().Equal(clock.Now.AddMinutes(-10), clock.Now, clock.Now);

        var journal = await runner.GetJournalAsync();
        journal.Where(j => j.Version == 3 && j.Status != JournalStatus.Started).Select(j => (j.Action, j.Status)).Should().Equal(
            (JournalAction.Up, JournalStatus.Succeeded),
            (JournalAction.Down, JournalStatus.Succeeded),
            (JournalAction.Up, JournalStatus.Succeeded));
    }

    /// <summary>Scenario 1's migrations all reverse cleanly.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task VersionedSchema_CheckReversibility_ReportsEveryDownRestoringTheSchema()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, Versioned);

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(1, 2, 3);
        report.IsReversible.Should().BeTrue(report.ToString());
        (await runner.GetStatusAsync()).IsUpToDate.Should().BeTrue("the check leaves every migration applied");
    }

    /// <summary>Scenario 3: the agent-system migrations apply, and status shows both.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AgentSystem_MigrateUp_AppliesBothMigrations()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, AgentSystem);

        var result = await runner.MigrateUpAsync();

        result.Steps.Select(s => s.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().Equal(AgentSystemV1, "202611220910");
        var status = await runner.GetStatusAsync();
        status.IsUpToDate.Should().BeTrue();
        status.CurrentVersion.Should().Be(2026_11_22_0910);
        (await runner.ReadSchemaAsync()).Tables.Should().HaveCount(8);
    }

    /// <summary>Scenario 3: every agent-system migration's Down restores the schema.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AgentSystem_CheckReversibility_ReportsEveryDownRestoringTheSchema()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, AgentSystem);

        var report = await runner.CheckReversibilityAsync();

        report.Checked.Should().Equal(2026_11_22_0900, 2026_11_22_0910);
        report.IsReversible.Should().BeTrue(report.ToString());
        (await runner.MigrateDownAsync(0)).Steps.Should().HaveCount(2);
        (await runner.ReadSchemaAsync()).Tables.Should().BeEmpty();
    }

    /// <summary>Scenario 3: the schema read back has the tables, keys, indexes, foreign keys and checks the migrations declare.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AgentSystem_Schema_HasTheDeclaredStructure()
    {
        await using var database = await CreateDatabaseAsync();
        await using var runner = Runner(database, AgentSystem);
        await runner.MigrateUpAsync();

        var schema = await runner.ReadSchemaAsync();

        schema.Tables.Select(t => t.Name.Name).Should().BeEquivalentTo(
            "agents", "workflows", "tasks", "task_dependencies", "messages", "agent_health", "agent_metrics", "system_metrics");
        var agents = schema.FindTable(new("agents"))!;
        agents.Columns.Select(c => c.Name).Should().Equal("id", "name", "status", "created_at");
        agents.FindColumn("id")!.IsIdentity.Should().BeTrue();
        agents.PrimaryKey!.Columns.Should().Equal("id");
        var unique = agents.UniqueConstraints.Should().ContainSingle().Which;
        unique.Name.Should().Be("uq_agents_name");
        unique.Columns.Should().Equal("name");
        agents.FindColumn("created_at")!.DefaultSql.Should().NotBeNull();

        var tasks = schema.FindTable(new("tasks"))!;
        tasks.ForeignKeys.Select(f => (f.Name, f.PrincipalTable.Name, f.OnDelete)).Should().BeEquivalentTo(new[]
        {
            ("fk_tasks_workflow_id_workflows", "workflows", ReferentialAction.Cascade),
            ("fk_tasks_agent_id_agents", "agents", ReferentialAction.SetNull),
            ("fk_tasks_parent_task_id_tasks", "tasks", ReferentialAction.Cascade),
        });
        tasks.CheckConstraints.Should().ContainSingle().Which.Name.Should().Be("ck_tasks_priority_range");
        tasks.Indexes.Should().ContainSingle().Which.Columns.Should().Equal("agent_id", "status");

        schema.FindTable(new("task_dependencies"))!.PrimaryKey!.Columns.Should().Equal("task_id", "depends_on_task_id");
        schema.FindTable(new("task_dependencies"))!.ForeignKeys.Should().HaveCount(2).And.OnlyContain(f => f.PrincipalTable.Name == "tasks" && f.OnDelete == ReferentialAction.Cascade);
        schema.FindTable(new("agent_metrics"))!.PrimaryKey!.Columns.Should().Equal("agent_id", "name", "recorded_at");
        schema.FindTable(new("system_metrics"))!.PrimaryKey!.Columns.Should().Equal("name", "recorded_at");
        var unread = schema.FindTable(new("messages"))!.Indexes.Should().ContainSingle().Which;
        unread.Name.Should().Be("ix_messages_unread");
        unread.Columns.Should().Equal("to_agent_id");
        unread.Filter.Should().ContainEquivalentOf("read_at IS NULL");
        schema.FindTable(new("messages"))!.ForeignKeys.Select(f => f.Name).Should().BeEquivalentTo("fk_messages_from_agent_id_agents", "fk_messages_to_agent_id_agents");
    }

    /// <summary>Scenario 3: the defaults, identity, unique and check constraints declared in the migrations hold for application SQL.</summary>
    /// <returns>A task that completes when the check is done.</returns>
    [Test]
    public async Task AgentSystem_ConstraintsAndDefaults_HoldForApplicationSql()
    {
        await using var database = await CreateDatabaseAsync();
        await using (var runner = Runner(database, AgentSystem))
        {
            await runner.MigrateUpAsync();
        }

        await database.ExecuteAsync("INSERT INTO \"agents\" (\"name\") VALUES ('planner'), ('executor')");

        (await database.ScalarAsync("SELECT COUNT(*) FROM \"agents\" WHERE \"status\" = 'idle' AND \"created_at\" IS NOT NULL")).Should().Be(2);
        (await database.ScalarAsync("SELECT COUNT(DISTINCT \"id\") FROM \"agents\"")).Should().Be(2, "identity generates the ids");
        var duplicate = () => database.ExecuteAsync("INSERT INTO \"agents\" (\"name\") VALUES ('planner')");
        await duplicate.Should().ThrowAsync<DbException>("agent names are unique");
        var urgent = () => database.ExecuteAsync("INSERT INTO \"tasks\" (\"id\", \"title\", \"priority\") VALUES ('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'too urgent', 11)");
        await urgent.Should().ThrowAsync<DbException>("priority must be between 0 and 10");
        await database.ExecuteAsync("INSERT INTO \"tasks\" (\"id\", \"title\") VALUES ('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'plan')");
        (await database.ScalarAsync("SELECT COUNT(*) FROM \"tasks\" WHERE \"status\" = 'pending' AND \"priority\" = 0")).Should().Be(1);
    }
}
