using Microsoft.Data.Sqlite;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Sqlite.Tests.Providers;

/// <summary>A real SQLite database (in memory or in a temporary file) with one open session, for provider tests.</summary>
internal sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string? _directory;

    private SqliteTestDatabase(SqliteMigrationProvider provider, MigrationSession session, string connectionString, string? directory)
    {
        Provider = provider;
        Session = session;
        ConnectionString = connectionString;
        _directory = directory;
    }

    public SqliteMigrationProvider Provider { get; }

    public MigrationSession Session { get; }

    public string ConnectionString { get; }

    public SqliteSqlGenerator Generator => (SqliteSqlGenerator)Provider.SqlGenerator;

    public static async Task<SqliteTestDatabase> CreateAsync(SqliteStorage storage = SqliteStorage.Memory)
    {
        string? directory = null;
        var connectionString = "Data Source=:memory:";
        if (storage == SqliteStorage.File)
        {
            directory = Path.Combine(Path.GetTempPath(), "migrationkit-sqlite-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            connectionString = $"Data Source={Path.Combine(directory, "test.db")};Pooling=False";
        }

        var provider = new SqliteMigrationProvider(connectionString);
        var connection = await provider.OpenConnectionAsync();
        return new SqliteTestDatabase(provider, new MigrationSession(provider, connection), connectionString, directory);
    }

    public static IReadOnlyList<MigrationOperation> Operations(Action<MigrationBuilder> migration)
    {
        var builder = new MigrationBuilder();
        migration(builder);
        return builder.Operations;
    }

    public static MigrationOperation Operation(Action<MigrationBuilder> migration) => Operations(migration).Single();

    public async Task<DatabaseSchema> ReadAsync() => await Provider.SchemaReader.ReadAsync(Session);

    /// <summary>Generates an operation's SQL against the live schema and runs it.</summary>
    public async Task<IReadOnlyList<string>> ExecuteAsync(MigrationOperation operation)
    {
        var statements = await Generator.GenerateAsync(operation, new LiveSqliteSchemaContext(Provider, Session));
        foreach (var statement in statements)
        {
            await Session.ExecuteAsync(statement);
        }

        return statements;
    }

    public async Task ExecuteAsync(Action<MigrationBuilder> migration)
    {
        foreach (var operation in Operations(migration))
        {
            await ExecuteAsync(operation);
        }
    }

    /// <summary>Runs one operation and asserts the key invariant: the schema read back is what the generator predicts.</summary>
    public async Task<IReadOnlyList<string>> ExecuteAndVerifyAsync(MigrationOperation operation)
    {
        var before = await ReadAsync();
        var statements = await ExecuteAsync(operation);
        var after = await ReadAsync();
        Generator.Apply(before, operation).CompareTo(after).Should().BeEmpty(
            "the schema after '{0}' should be the predicted one; the SQL was:\n{1}", operation.Describe(), string.Join(";\n", statements));
        return statements;
    }

    public async Task ExecuteAndVerifyAsync(Action<MigrationBuilder> migration)
    {
        foreach (var operation in Operations(migration))
        {
            await ExecuteAndVerifyAsync(operation);
        }
    }

    public Task ExecuteSqlAsync(string sql) => Session.ExecuteAsync(sql).AsTask();

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = Session.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var command = Session.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row.Select(v => v is DBNull ? null : v).ToArray());
        }

        return rows;
    }

    /// <summary>Runs work the way the runner runs a migration: provider's transaction, then its before-commit check, then commit.</summary>
    public async Task InTransactionAsync(Func<Task> work)
    {
        Session.Transaction = await Provider.BeginTransactionAsync(Session);
        try
        {
            await work();
            await Provider.BeforeCommitAsync(Session);
            await Session.Transaction.CommitAsync();
        }
        catch
        {
            await Session.Transaction.RollbackAsync();
            throw;
        }
        finally
        {
            await Session.Transaction.DisposeAsync();
            Session.Transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.ReleaseConnectionAsync(Session.Connection);
        await Provider.DisposeAsync();
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
