using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.PostgreSql;
using MigrationKit.Data.Sqlite;
using Npgsql;

namespace MigrationKit.Data.Tests.Support;

/// <summary>A throwaway database of either engine: a SQLite temp file or shared in-memory database, or a fresh PostgreSQL database on the test server.</summary>
internal sealed class TestDb : IAsyncDisposable
{
    private readonly string? _file;
    private readonly string? _adminConnectionString;
    private readonly string? _pgName;
    private readonly SqliteConnection? _keepAlive;

    private TestDb(Engine engine, string connectionString, IDataEndpoint endpoint, string? file = null, string? admin = null, string? pgName = null, SqliteConnection? keepAlive = null)
    {
        Engine = engine;
        ConnectionString = connectionString;
        Endpoint = endpoint;
        _file = file;
        _adminConnectionString = admin;
        _pgName = pgName;
        _keepAlive = keepAlive;
    }

    public Engine Engine { get; }

    public bool IsPostgreSql => Engine == Engine.PostgreSql;

    public string ConnectionString { get; }

    public IDataEndpoint Endpoint { get; }

    /// <summary>The engine's name as the kill-trial child takes it.</summary>
    public string EngineArgument => IsPostgreSql ? "postgresql" : "sqlite";

    public static async Task<TestDb> CreateAsync(Engine engine)
    {
        switch (engine)
        {
            case Engine.Sqlite:
                var file = Path.Combine(Path.GetTempPath(), "mk-data-" + Guid.NewGuid().ToString("N") + ".db");
                var fileCs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString;
                return new TestDb(engine, fileCs, new SqliteDataEndpoint(fileCs), file: file);
            case Engine.SqliteMemory:
                var memoryCs = new SqliteConnectionStringBuilder { DataSource = "mk" + Guid.NewGuid().ToString("N"), Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }.ConnectionString;
                var keepAlive = new SqliteConnection(memoryCs);
                await keepAlive.OpenAsync();
                return new TestDb(engine, memoryCs, new SqliteDataEndpoint(memoryCs), keepAlive: keepAlive);
            default:
                var admin = await PostgresServer.ConnectionStringAsync();
                var name = "mkd_" + Guid.NewGuid().ToString("N");
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }

                var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
                return new TestDb(engine, cs, new PostgreSqlDataEndpoint(cs), admin: admin, pgName: name);
        }
    }

    /// <summary>Picks the statement of this engine.</summary>
    public string Pick(string sqlite, string postgreSql) => IsPostgreSql ? postgreSql : sqlite;

    public async Task<DbConnection> OpenAsync() => await Endpoint.OpenConnectionAsync();

    public async Task ExecuteAsync(string sql, params object?[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = Endpoint.ToParameterValue(parameters[i]);
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (Endpoint is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }

        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Delete(_file);
            File.Delete(_file + "-journal");
            foreach (var lockFile in Directory.GetFiles(Path.GetDirectoryName(_file)!, Path.GetFileName(_file) + "-move-*.lock"))
            {
                File.Delete(lockFile);
            }
        }

        if (_pgName is not null)
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
