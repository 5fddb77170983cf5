using MigrationKit.Inspection;
using MigrationKit.Providers;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Support;

/// <summary>A throwaway database on the test server, dropped (<c>WITH (FORCE)</c>) on dispose.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>For the test's own queries, the way an application would see the database.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync(string adminConnectionString)
    {
        var name = "mk_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase(adminConnectionString, name);
    }

    public IMigrationRunner Runner(string migrationsNamespace, Action<PostgreSqlMigrationOptions>? configure = null, Action<MigrationKitOptions>? options = null) =>
        new MigrationRunnerBuilder()
            .UsePostgreSql(ConnectionString, configure)
            .AddMigrationsFrom(typeof(TestDatabase).Assembly, migrationsNamespace)
            .Configure(o => options?.Invoke(o))
            .Build();

    /// <summary>A provider of its own (disposed by the caller) for tests that work below the runner.</summary>
    public PostgreSqlMigrationProvider Provider(Action<PostgreSqlMigrationOptions>? configure = null)
    {
        var options = new PostgreSqlMigrationOptions();
        configure?.Invoke(options);
        return new PostgreSqlMigrationProvider(ConnectionString, options);
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<string>> ColumnAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? "<null>" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads the schema through a provider session (the history tables included, if any).</summary>
    public async Task<DatabaseSchema> ReadSchemaAsync(PostgreSqlMigrationProvider provider)
    {
        var connection = await provider.OpenConnectionAsync();
        try
        {
            return await provider.SchemaReader.ReadAsync(new MigrationSession(provider, connection));
        }
        finally
        {
            await provider.ReleaseConnectionAsync(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        // The runners' shared pools for this database: closed now rather than ended by the FORCE below.
        PostgreSqlSharedDataSources.Clear(ConnectionString);
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }
}
