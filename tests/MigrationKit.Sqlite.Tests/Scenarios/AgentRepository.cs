using System.Data.Common;

namespace MigrationKit.Sqlite.Tests.Scenarios;

/// <summary>The kind of repository an application writes over the migrated schema (scenario 3).</summary>
internal sealed class AgentRepository(DbConnection connection)
{
    /// <summary>Inserts agents with one prepared statement inside one transaction: the fast path for SQLite.</summary>
    public async Task<IReadOnlyList<long>> InsertAgentsAsync(IEnumerable<string> names)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO agents (name) VALUES (@name) RETURNING id";
        var name = command.CreateParameter();
        name.ParameterName = "@name";
        command.Parameters.Add(name);
        await command.PrepareAsync();
        var ids = new List<long>();
        foreach (var value in names)
        {
            name.Value = value;
            ids.Add(Convert.ToInt64(await command.ExecuteScalarAsync()));
        }

        await transaction.CommitAsync();
        return ids;
    }

    public async Task<IReadOnlyList<(long Id, string Name, string Status)>> ListAgentsAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, status FROM agents ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var agents = new List<(long, string, string)>();
        while (await reader.ReadAsync())
        {
            agents.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return agents;
    }

    public async Task AddTaskAsync(Guid id, long? agentId, Guid? parentId, string title, int priority)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO tasks (id, agent_id, parent_task_id, title, priority) VALUES (@id, @agent, @parent, @title, @priority)";
        Add(command, "@id", id.ToString());
        Add(command, "@agent", agentId);
        Add(command, "@parent", parentId?.ToString());
        Add(command, "@title", title);
        Add(command, "@priority", priority);
        await command.ExecuteNonQueryAsync();
    }

    public async Task AddDependencyAsync(Guid task, Guid dependsOn)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO task_dependencies (task_id, depends_on_task_id) VALUES (@task, @dependsOn)";
        Add(command, "@task", task.ToString());
        Add(command, "@dependsOn", dependsOn.ToString());
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task SendAsync(long from, long to, string body, DateTimeOffset at)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO messages (from_agent_id, to_agent_id, body, sent_at) VALUES (@from, @to, @body, @at)";
        Add(command, "@from", from);
        Add(command, "@to", to);
        Add(command, "@body", body);
        Add(command, "@at", at);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
