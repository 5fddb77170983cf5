using MigrationKit.Sqlite;

namespace MigrationKit;

/// <summary>Chooses SQLite as a MigrationKit target's database.</summary>
public static class SqliteMigrationKitExtensions
{
    /// <summary>
    /// Migrates the SQLite database of <paramref name="connectionString"/>. A file is created when missing; an
    /// in-memory database (<c>Data Source=:memory:</c>) lives as long as the runner.
    /// </summary>
    /// <param name="builder">The target's builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=app.db</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static IMigrationKitBuilder UseSqlite(this IMigrationKitBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var provider = new SqliteMigrationProvider(connectionString);
        return builder.UseProvider(_ => provider);
    }

    /// <summary>Migrates the SQLite database of <paramref name="connectionString"/>, without a service container.</summary>
    /// <param name="builder">The runner builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=app.db</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed.</exception>
    public static MigrationRunnerBuilder UseSqlite(this MigrationRunnerBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseProvider(new SqliteMigrationProvider(connectionString));
    }
}
