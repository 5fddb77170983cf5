using Microsoft.Extensions.DependencyInjection;
using MigrationKit.PostgreSql;
using Npgsql;

namespace MigrationKit;

/// <summary>Chooses PostgreSQL as a MigrationKit target's database.</summary>
public static class PostgreSqlMigrationKitExtensions
{
    /// <summary>
    /// Migrates the PostgreSQL database of <paramref name="connectionString"/>, through the data source (connection pool)
    /// that <see cref="PostgreSql.PostgreSqlSharedDataSources"/> shares for that connection string within the process;
    /// disposing the container lets go of it without closing a pool other runners use.
    /// </summary>
    /// <param name="builder">The target's builder.</param>
    /// <param name="connectionString">An Npgsql connection string, such as <c>Host=localhost;Database=app;Username=app;Password=…</c>.</param>
    /// <param name="configure">Sets the schema, the lock wait and the per-statement timeouts.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed (the message never repeats a password), or an option is invalid.</exception>
    public static IMigrationKitBuilder UsePostgreSql(this IMigrationKitBuilder builder, string connectionString, Action<PostgreSqlMigrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = Configure(configure);

        // Parsed now so that a malformed connection string fails at registration; the shared data source is taken when
        // the runner is first resolved, and let go of when the container disposes the provider.
        PostgreSqlMigrationProvider.Parse(connectionString, nameof(connectionString));
        return builder.UseProvider(_ => new PostgreSqlMigrationProvider(connectionString, options));
    }

    /// <summary>
    /// Migrates the database of the <see cref="NpgsqlDataSource"/> registered in the container: the one keyed with the
    /// target's name if there is one, otherwise the unkeyed one. The application owns the data source.
    /// </summary>
    /// <param name="builder">The target's builder.</param>
    /// <param name="configure">Sets the schema, the lock wait and the per-statement timeouts.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <remarks>When the runner is resolved without a data source registered, it throws <see cref="InvalidOperationException"/>.</remarks>
    public static IMigrationKitBuilder UsePostgreSql(this IMigrationKitBuilder builder, Action<PostgreSqlMigrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = Configure(configure);
        var name = builder.Name;
        return builder.UseProvider(services =>
        {
            var dataSource = (name is null ? null : services.GetKeyedService<NpgsqlDataSource>(name))
                ?? services.GetService<NpgsqlDataSource>()
                ?? throw new InvalidOperationException(
                    $"MigrationKit target '{name ?? "default"}' uses PostgreSQL from the container, but no NpgsqlDataSource is registered"
                    + (name is null ? string.Empty : $" (neither keyed '{name}' nor unkeyed)")
                    + ". Register one (services.AddSingleton(NpgsqlDataSource.Create(connectionString))), or pass a connection string to UsePostgreSql.");
            return new PostgreSqlMigrationProvider(dataSource, options);
        });
    }

    /// <summary>
    /// Migrates the PostgreSQL database of <paramref name="connectionString"/>, without a service container, through the
    /// data source that <see cref="PostgreSql.PostgreSqlSharedDataSources"/> shares for that connection string: a new
    /// runner for the same string reuses the connections a previous one pooled, and disposing a runner does not close them.
    /// </summary>
    /// <param name="builder">The runner builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Sets the schema, the lock wait and the per-statement timeouts.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The connection string is empty or malformed (the message never repeats a password), or an option is invalid.</exception>
    public static MigrationRunnerBuilder UsePostgreSql(this MigrationRunnerBuilder builder, string connectionString, Action<PostgreSqlMigrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseProvider(new PostgreSqlMigrationProvider(connectionString, Configure(configure)));
    }

    /// <summary>Migrates the database of <paramref name="dataSource"/>, without a service container; the caller keeps owning the data source.</summary>
    /// <param name="builder">The runner builder.</param>
    /// <param name="dataSource">The data source.</param>
    /// <param name="configure">Sets the schema, the lock wait and the per-statement timeouts.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static MigrationRunnerBuilder UsePostgreSql(this MigrationRunnerBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlMigrationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UseProvider(new PostgreSqlMigrationProvider(dataSource, Configure(configure)));
    }

    private static PostgreSqlMigrationOptions Configure(Action<PostgreSqlMigrationOptions>? configure)
    {
        var options = new PostgreSqlMigrationOptions();
        configure?.Invoke(options);
        return options;
    }
}
