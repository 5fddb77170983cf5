using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MigrationKit.Providers;

namespace MigrationKit;

/// <summary>Configures a MigrationKit target registered with <c>AddMigrationKit</c>.</summary>
public static class MigrationKitBuilderExtensions
{
    /// <summary>Discovers migrations in an assembly, optionally only in one namespace and those below it.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="assembly">The assembly.</param>
    /// <param name="inNamespace">The namespace to keep, or <see langword="null"/> for the whole assembly.</param>
    /// <returns>The builder.</returns>
    public static IMigrationKitBuilder AddMigrationsFrom(this IMigrationKitBuilder builder, Assembly assembly, string? inNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        MigrationKitConfiguration.AddSource(Options(builder), assembly, inNamespace);
        return builder;
    }

    /// <summary>Adds migration classes one by one.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="migrationTypes">The classes.</param>
    /// <returns>The builder.</returns>
    public static IMigrationKitBuilder AddMigrations(this IMigrationKitBuilder builder, params Type[] migrationTypes)
    {
        ArgumentNullException.ThrowIfNull(migrationTypes);
        MigrationKitConfiguration.AddTypes(Options(builder), migrationTypes);
        return builder;
    }

    /// <summary>
    /// Adds the SQL-file migrations directly in <paramref name="directory"/>: <c>V{version}__{description}.sql</c>
    /// (versioned), <c>U{version}__{description}.sql</c> (its Down) and <c>R__{name}.sql</c> (repeatable). They mix
    /// with migration classes in one version sequence. The files are read and checked when the runner is built.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="directory">The directory; a relative path is resolved against the current directory now.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static IMigrationKitBuilder AddSqlMigrationsFrom(this IMigrationKitBuilder builder, string directory)
    {
        MigrationKitConfiguration.AddSqlSource(Options(builder), SqlMigrationSource.FromDirectory(directory));
        return builder;
    }

    /// <summary>
    /// Adds the SQL-file migrations embedded in <paramref name="assembly"/> whose resource names start with
    /// <paramref name="resourcePrefix"/> (see <see cref="SqlMigrationSource.FromEmbeddedResources"/>).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="assembly">The assembly.</param>
    /// <param name="resourcePrefix">The prefix of the resources' names, for example <c>MyApp.Sql</c>; <see langword="null"/> for every <c>.sql</c> resource.</param>
    /// <returns>The builder.</returns>
    public static IMigrationKitBuilder AddSqlMigrationsFromEmbeddedResources(this IMigrationKitBuilder builder, Assembly assembly, string? resourcePrefix = null)
    {
        MigrationKitConfiguration.AddSqlSource(Options(builder), SqlMigrationSource.FromEmbeddedResources(assembly, resourcePrefix));
        return builder;
    }

    /// <summary>Changes the target's options (history table names, naming convention, transactions, checks).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The builder.</returns>
    public static IMigrationKitBuilder Configure(this IMigrationKitBuilder builder, Action<MigrationKitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options(builder));
        return builder;
    }

    /// <summary>
    /// Sets the target's database provider; what <c>UseSqlite</c> and <c>UsePostgreSql</c> call, and what a
    /// third-party provider's own <c>Use…</c> method calls. The first provider set for a target wins.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the provider (once: it is a singleton).</param>
    /// <returns>The builder.</returns>
    public static IMigrationKitBuilder UseProvider(this IMigrationKitBuilder builder, Func<IServiceProvider, MigrationProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.TryAddKeyedSingleton(builder.Name, (services, _) => factory(services));
        return builder;
    }

    private static MigrationKitOptions Options(IMigrationKitBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return MigrationKitServiceCollectionExtensions.FindOptions(builder.Services, builder.Name)
            ?? throw new InvalidOperationException("This builder's target was not registered with AddMigrationKit.");
    }
}
