using Microsoft.Data.Sqlite;
using MigrationKit.Specification;
using MigrationKit.Sqlite.Tests.Support;

namespace MigrationKit.Sqlite.Tests.Scenarios;

/// <summary>Scenario 3 on SQLite: the agent-system schema, migrated, then used by repository code with foreign keys enforced.</summary>
public sealed class AgentSystemPersistenceTests
{
    // The migrations are the conformance suite's (its ScenarioSpecification checks them on every provider): the same
    // migrations serve SQLite in tests and PostgreSQL in production.
    private const string Migrations = "MigrationKit.Specification.Migrations.AgentSystem";

    [Test]
    public async Task Repository_Inserts100AgentsTasksAndMessages_ReadsThemBack()
    {
        using var database = new TestDatabase();
        await using (var runner = Runners.Create(database.ConnectionString, typeof(ISpecificationTarget).Assembly, Migrations))
        {
            (await runner.MigrateUpAsync()).Steps.Should().HaveCount(2);
        }

        await using var connection = new SqliteConnection(database.ConnectionString + ";Foreign Keys=True");
        await connection.OpenAsync();
        var repository = new AgentRepository(connection);

        var ids = await repository.InsertAgentsAsync(Enumerable.Range(1, 100).Select(i => $"agent-{i:D3}"));

        ids.Should().HaveCount(100).And.OnlyHaveUniqueItems();
        var agents = await repository.ListAgentsAsync();
        agents.Select(a => a.Name).Should().Equal(Enumerable.Range(1, 100).Select(i => $"agent-{i:D3}"));
        agents.Should().OnlyContain(a => a.Status == "idle", "the status default comes from the migration");

        var parent = Guid.NewGuid();
        var child = Guid.NewGuid();
        await repository.AddTaskAsync(parent, ids[0], null, "plan", 5);
        await repository.AddTaskAsync(child, ids[1], parent, "execute", 3);
        await repository.AddDependencyAsync(child, parent);
        await repository.SendAsync(ids[0], ids[1], "start", DateTimeOffset.UtcNow);
        await repository.SendAsync(ids[2], ids[1], "status?", DateTimeOffset.UtcNow);

        (await repository.CountAsync($"SELECT COUNT(*) FROM messages WHERE to_agent_id = {ids[1]} AND read_at IS NULL")).Should().Be(2);
        (await repository.CountAsync($"SELECT COUNT(*) FROM tasks WHERE parent_task_id = '{parent}'")).Should().Be(1);

        // The constraints declared in the migrations hold at run time.
        var badPriority = () => repository.AddTaskAsync(Guid.NewGuid(), ids[0], null, "too urgent", 11);
        await badPriority.Should().ThrowAsync<SqliteException>().WithMessage("*CHECK constraint failed*");
        var duplicateName = () => repository.InsertAgentsAsync(["agent-001"]);
        await duplicateName.Should().ThrowAsync<SqliteException>().WithMessage("*UNIQUE constraint failed*");

        // Cascades: deleting the parent task removes its sub-task and the dependency.
        (await repository.CountAsync($"DELETE FROM tasks WHERE id = '{parent}' RETURNING 1")).Should().Be(1);
        (await repository.CountAsync("SELECT COUNT(*) FROM tasks")).Should().Be(0);
        (await repository.CountAsync("SELECT COUNT(*) FROM task_dependencies")).Should().Be(0);
    }
}
