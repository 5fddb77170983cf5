using Microsoft.Extensions.DependencyInjection;

namespace MigrationKit;

/// <summary>Runs migrations from a built service provider, typically at application startup.</summary>
public static class MigrationKitServiceProviderExtensions
{
    /// <summary>Applies every pending migration of a target; with nothing pending it costs one lock and one history read.</summary>
    /// <param name="services">The service provider.</param>
    /// <param name="name">The target's name, or <see langword="null"/> for the default target.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was applied.</returns>
    public static Task<MigrationResult> MigrateDatabaseAsync(this IServiceProvider services, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredKeyedService<IMigrationRunner>(name).MigrateUpAsync(cancellationToken: cancellationToken);
    }
}
