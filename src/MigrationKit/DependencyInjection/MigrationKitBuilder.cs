using Microsoft.Extensions.DependencyInjection;

namespace MigrationKit;

internal sealed class MigrationKitBuilder(IServiceCollection services, string? name) : IMigrationKitBuilder
{
    public IServiceCollection Services { get; } = services;

    public string? Name { get; } = name;
}
