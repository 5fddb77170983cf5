using System.Diagnostics;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Scenarios;

/// <summary>Scenario 3 on PostgreSQL: the agent-system schema, migrated, then used by repository code.</summary>
public sealed class AgentSystemPersistenceTests : DatabaseTest
{
    private const string Migrations = "MigrationKit.Specification.Migrations.AgentSystem";

    [Test]
    public async Task Repository_Inserts100AgentsTasksAndMessages_ReadsThemBackWithConstraintsAndCascades()
    {
        await using (var runner = Runner())
        {
            (await runner.MigrateUpAsync()).Steps.Should().HaveCount(2);
        }

        var repository = new AgentRepository(Database.DataSource);

        // How fast: RepositoryInsertBenchmarks in benchmarks/ (a timed assertion here would measure the machine's load).
        var ids = await repository.InsertAgentsAsync(Enumerable.Range(1, 100).Select(i => $"agent-{i:D3}"));

        ids.Should().HaveCount(100).And.OnlyHaveUniqueItems().And.BeInAscendingOrder();
        var agents = await repository.ListAgentsAsync();
        agents.Select(a => a.Name).Should().Equal(Enumerable.Range(1, 100).Select(i => $"agent-{i:D3}"));
        agents.Should().OnlyContain(a => a.Status == "idle", "the status default comes from the migration");
        agents.Should().OnlyContain(a => a.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-5), "created_at defaults to now()");
        (await repository.UpdateStatusAsync(ids[0], "busy")).Should().Be(1);

        var workflow = Guid.NewGuid();
        var parent = Guid.NewGuid();
        var child = Guid.NewGuid();
        await repository.AddWorkflowAsync(workflow, "triage", """{"steps": ["plan", "execute"]}""");
        await repository.AddTaskAsync(parent, workflow, ids[0], null, "plan", 5);
        await repository.AddTaskAsync(child, workflow, ids[1], parent, "execute", 3);
        await repository.AddDependencyAsync(child, parent);
        await repository.SendAsync(ids[0], ids[1], "start", DateTimeOffset.UtcNow);
        await repository.SendAsync(ids[2], ids[1], "status?", DateTimeOffset.UtcNow);

        (await repository.CountAsync("SELECT count(*) FROM messages WHERE to_agent_id = @id AND read_at IS NULL", ("id", ids[1]))).Should().Be(2);
        (await repository.CountAsync("SELECT count(*) FROM tasks WHERE parent_task_id = @parent", ("parent", parent))).Should().Be(1);
        (await repository.CountAsync("SELECT count(*) FROM workflows WHERE definition -> 'steps' ? 'execute'")).Should().Be(1, "the definition is stored as jsonb");

        // The constraints declared in the migrations hold at run time.
        var badPriority = () => repository.AddTaskAsync(Guid.NewGuid(), null, ids[0], null, "too urgent", 11);
        (await badPriority.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("ck_tasks_priority_range");
        var duplicateName = () => repository.InsertAgentsAsync(["agent-001"]);
        (await duplicateName.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("uq_agents_name");
        var unknownAgent = () => repository.AddTaskAsync(Guid.NewGuid(), null, 999_999, null, "orphan", 1);
        (await unknownAgent.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("fk_tasks_agent_id_agents");

        // Cascades: deleting an agent nulls its tasks' agent and removes its messages; deleting the workflow removes its tasks,
        // their sub-tasks and dependencies.
        await Database.ExecuteAsync($"DELETE FROM agents WHERE id = {ids[1]}");
        (await repository.CountAsync("SELECT count(*) FROM tasks WHERE id = @child AND agent_id IS NULL", ("child", child))).Should().Be(1);
        (await repository.CountAsync("SELECT count(*) FROM messages")).Should().Be(0);
        await Database.ExecuteAsync($"DELETE FROM workflows WHERE id = '{workflow}'");
        (await repository.CountAsync("SELECT count(*) FROM tasks")).Should().Be(0);
        (await repository.CountAsync("SELECT count(*) FROM task_dependencies")).Should().Be(0);
    }

    [Test]
    public async Task Migrations_OnPostgreSql_AreReversibleAndReadBackWithNativeTypes()
    {
        await using var runner = Runner();

        var report = await runner.CheckReversibilityAsync();

        report.IsReversible.Should().BeTrue(report.ToString());
        var schema = await runner.ReadSchemaAsync();
        schema.Tables.Select(t => t.Name.Name).Should().BeEquivalentTo(
            "agents", "workflows", "tasks", "task_dependencies", "messages", "agent_health", "agent_metrics", "system_metrics");
        schema.FindTable(new QualifiedName("agent_metrics"))!.PrimaryKey!.Columns.Should().Equal("agent_id", "name", "recorded_at");
        schema.FindTable(new QualifiedName("messages"))!.Indexes.Single().Filter.Should().Be("read_at IS NULL");
        var tasks = schema.FindTable(new QualifiedName("tasks"))!;
        tasks.Columns.Select(c => c.StoreType).Should().Equal("uuid", "uuid", "bigint", "uuid", "character varying(200)", "character varying(20)", "integer", "jsonb");
        tasks.ForeignKeys.Select(f => $"{f.Name} {f.OnDelete}").Should().BeEquivalentTo(
            "fk_tasks_workflow_id_workflows Cascade", "fk_tasks_agent_id_agents SetNull", "fk_tasks_parent_task_id_tasks Cascade");
        schema.FindTable(new QualifiedName("agents"))!.FindColumn("id")!.IsIdentity.Should().BeTrue();
    }

    // Scenario 3's migrations are the conformance suite's: one set for SQLite in tests and PostgreSQL in production.
    private IMigrationRunner Runner() =>
        new MigrationRunnerBuilder().UsePostgreSql(Database.ConnectionString)
            .AddMigrationsFrom(typeof(MigrationKit.Specification.ISpecificationTarget).Assembly, Migrations).Build();
}
