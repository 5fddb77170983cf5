using MigrationKit.Providers;
using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

public sealed class SqliteHealthSpecification : HealthSpecification<SqliteTarget>
{
    // A file in a folder that does not exist: SQLite creates files, never folders.
    protected override MigrationProvider CreateUnreachableProvider() =>
        new SqliteMigrationProvider($"Data Source={Path.Combine(Path.GetTempPath(), "migrationkit-missing-" + Guid.NewGuid().ToString("N"), "app.db")}");
}
