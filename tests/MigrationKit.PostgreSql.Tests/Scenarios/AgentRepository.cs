using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Scenarios;

/// <summary>The kind of repository an application writes over the migrated schema (scenario 3), on PostgreSQL.</summary>
internal sealed class AgentRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts agents with one prepared statement inside one transaction.</summary>
    public async Task<IReadOnlyList<long>> InsertAgentsAsync(IEnumerable<string> names)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("INSERT INTO agents (name) VALUES (@name) RETURNING id", connection, transaction);
        var name = new NpgsqlParameter<string>("name", string.Empty);
        command.Parameters.Add(name);
        await command.PrepareAsync();
        var ids = new List<long>();
        foreach (var value in names)
        {
            name.TypedValue = value;
            ids.Add((long)(await command.ExecuteScalarAsync())!);
        }

        await transaction.CommitAsync();
        return ids;
    }

    public async Task<IReadOnlyList<(long Id, string Name, string Status, DateTimeOffset CreatedAt)>> ListAgentsAsync()
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, status, created_at FROM agents ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var agents = new List<(long, string, string, DateTimeOffset)>();
        while (await reader.ReadAsync())
        {
            agents.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return agents;
    }

    public async Task AddWorkflowAsync(Guid id, string name, string definitionJson)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO workflows (id, name, definition) VALUES (@id, @name, @definition::jsonb)");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("definition", definitionJson);
        await command.ExecuteNonQueryAsync();
    }

    public async Task AddTaskAsync(Guid id, Guid? workflowId, long? agentId, Guid? parentId, string title, int priority)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO tasks (id, workflow_id, agent_id, parent_task_id, title, priority) VALUES (@id, @workflow, @agent, @parent, @title, @priority)");
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
        command.Parameters.Add(new NpgsqlParameter<Guid?>("workflow", workflowId));
        command.Parameters.Add(new NpgsqlParameter<long?>("agent", agentId));
        command.Parameters.Add(new NpgsqlParameter<Guid?>("parent", parentId));
        command.Parameters.AddWithValue("title", title);
        command.Parameters.AddWithValue("priority", priority);
        await command.ExecuteNonQueryAsync();
    }

    public async Task AddDependencyAsync(Guid task, Guid dependsOn)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO task_dependencies (task_id, depends_on_task_id) VALUES (@task, @dependsOn)");
        command.Parameters.AddWithValue("task", task);
        command.Parameters.AddWithValue("dependsOn", dependsOn);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<int> UpdateStatusAsync(long agentId, string status)
    {
        await using var command = dataSource.CreateCommand("UPDATE agents SET status = @status WHERE id = @id");
        command.Parameters.AddWithValue("status", status);
        command.Parameters.AddWithValue("id", agentId);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task SendAsync(long from, long to, string body, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO messages (from_agent_id, to_agent_id, body, sent_at) VALUES (@from, @to, @body, @at)");
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("body", body);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
