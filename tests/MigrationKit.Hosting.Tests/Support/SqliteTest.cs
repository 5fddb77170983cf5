using Microsoft.Data.Sqlite;

namespace MigrationKit.Hosting.Tests;

/// <summary>A fixture whose every test gets a fresh SQLite database file, deleted afterwards; resets the process exit code.</summary>
public abstract class SqliteTest
{
    public const string Shop = "MigrationKit.Hosting.Tests.Migrations.Shop";
    public const string Broken = "MigrationKit.Hosting.Tests.Migrations.Broken";
    public const string PartlyApplied = "MigrationKit.Hosting.Tests.Migrations.PartlyApplied";
    public const string Risky = "MigrationKit.Hosting.Tests.Migrations.Risky";

    private string _directory = null!;

    protected string ConnectionString { get; private set; } = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _directory = Path.Combine(Path.GetTempPath(), "migrationkit-hosting-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        ConnectionString = $"Data Source={Path.Combine(_directory, "app.db")}";
    }

    [TearDown]
    public void DeleteDatabase()
    {
        Environment.ExitCode = 0;
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>A runner of its own over the same database, standing for another instance, a job or an operator.</summary>
    protected IMigrationRunner Runner(string migrationsNamespace) =>
        new MigrationRunnerBuilder().UseSqlite(ConnectionString).AddMigrationsFrom(typeof(SqliteTest).Assembly, migrationsNamespace).Build();

    protected IMigrationKitBuilder Target(IMigrationKitBuilder kit, string migrationsNamespace) =>
        kit.UseSqlite(ConnectionString).AddMigrationsFrom(typeof(SqliteTest).Assembly, migrationsNamespace);
}
