using Microsoft.Data.Sqlite;

namespace MigrationKit.Cli.Tests.Support;

/// <summary>A SQLite database file in a fresh temporary folder (deleted on dispose), and the arguments that point the tool at it.</summary>
internal sealed class SqliteFile : IDisposable
{
    public SqliteFile()
    {
        Directory = Path.Combine(Path.GetTempPath(), "migrationkit-cli-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "app.db");
    }

    public string Directory { get; }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public string CheckpointDirectory => Path.Combine(Directory, "checkpoints");

    /// <summary>Connection, assembly and the Shop migrations: what most commands need.</summary>
    public string[] Target(string @namespace = Paths.Shop) => ["--connection", ConnectionString, "--assembly", Paths.TestMigrations, "--migrations-namespace", @namespace];

    public Task<CliResult> RunAsync(params string[] arguments) => Tool.RunAsync([.. arguments, .. Target()]);

    public T Scalar<T>(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public bool TableExists(string table) => Scalar<long>($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") == 1;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
