using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationKit.Providers;

namespace MigrationKit;

/// <summary>Registers MigrationKit in a service collection.</summary>
public static class MigrationKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default MigrationKit target: an <see cref="IMigrationRunner"/> singleton and its
    /// <see cref="Rollback.IRollbackManager"/>. Calling it again adds to
    /// the same target's configuration rather than registering twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Chooses the provider and the migrations, for example <c>kit => kit.UseSqlite("Data Source=app.db").AddMigrationsFrom(typeof(Program).Assembly)</c>.</param>
    /// <returns>The builder, for further configuration.</returns>
    public static IMigrationKitBuilder AddMigrationKit(this IServiceCollection services, Action<IMigrationKitBuilder> configure) =>
        AddMigrationKit(services, name: null, configure);

    /// <summary>
    /// Registers a named MigrationKit target (several databases in one application): the runner is a keyed service,
    /// resolved with <c>GetRequiredKeyedService&lt;IMigrationRunner&gt;(name)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The target's name, or <see langword="null"/> for the default target.</param>
    /// <param name="configure">Chooses the provider and the migrations.</param>
    /// <returns>The builder, for further configuration.</returns>
    public static IMigrationKitBuilder AddMigrationKit(this IServiceCollection services, string? name, Action<IMigrationKitBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (name is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
        }

        if (FindOptions(services, name) is null)
        {
            services.AddKeyedSingleton(name, new MigrationKitOptions());
        }

        services.TryAddKeyedSingleton<IMigrationRunner>(name, (provider, key) =>
        {
            var target = (string?)key;
            var migrationProvider = provider.GetKeyedService<MigrationProvider>(target)
                ?? throw new InvalidOperationException($"MigrationKit target '{target ?? "default"}' has no database provider. Call UseSqlite(...) or UsePostgreSql(...) inside AddMigrationKit.");
            var options = provider.GetRequiredKeyedService<MigrationKitOptions>(target);
            MigrationKitConfiguration.ThrowIfInvalid(MigrationKitConfiguration.Problems(options, hasProvider: true, noProvider: string.Empty), $"MigrationKit target '{target ?? "default"}' cannot be built");
            return new MigrationRunner(
                migrationProvider,
                options,
                provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider,
                ownsProvider: false);
        });

        services.TryAddKeyedSingleton<Rollback.IRollbackManager>(name, (provider, key) => provider.GetRequiredKeyedService<IMigrationRunner>(key).RollbackManager);

        var builder = new MigrationKitBuilder(services, name);
        configure(builder);
        return builder;
    }

    internal static MigrationKitOptions? FindOptions(IServiceCollection services, string? name) =>
        services.Where(d => d.ServiceType == typeof(MigrationKitOptions) && Equals(d.ServiceKey, name))
            .Select(d => (d.IsKeyedService ? d.KeyedImplementationInstance : d.ImplementationInstance) as MigrationKitOptions)
            .FirstOrDefault(o => o is not null);
}
