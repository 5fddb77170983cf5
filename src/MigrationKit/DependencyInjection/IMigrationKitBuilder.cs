using Microsoft.Extensions.DependencyInjection;

namespace MigrationKit;

/// <summary>Configures one MigrationKit target in a service collection; providers add <c>Use…</c> extension methods to it.</summary>
public interface IMigrationKitBuilder
{
    /// <summary>The service collection.</summary>
    IServiceCollection Services { get; }

    /// <summary>The target's name (its service key), or <see langword="null"/> for the default target.</summary>
    string? Name { get; }
}
