using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MigrationKit.Hosting;

namespace MigrationKit;

/// <summary>Runs a MigrationKit target's migrations when a .NET generic host (or an ASP.NET Core app) starts.</summary>
public static class MigrationKitHostingExtensions
{
    /// <summary>
    /// Migrates the target when the host starts, before any hosted service starts (so an ASP.NET Core server does not
    /// serve before the schema is current), waits for another instance to migrate, or migrates and stops the host, as
    /// <paramref name="mode"/> says. Calling it again for the same target changes that target's options rather than
    /// adding a second startup migration.
    /// </summary>
    /// <param name="builder">The target's builder, from <c>AddMigrationKit</c>.</param>
    /// <param name="mode">What the host does at startup.</param>
    /// <param name="configure">Changes the wait timeout, the poll interval or the failure exit code.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    /// <remarks>
    /// In <see cref="MigrationStartupMode.Migrate"/> and <see cref="MigrationStartupMode.WaitForMigrations"/> a failure is
    /// thrown from the host's start (<c>IHost.StartAsync</c> or <c>RunAsync</c>), so the process does not serve an old schema.
    /// In <see cref="MigrationStartupMode.RunAndExit"/> success or failure sets <see cref="Environment.ExitCode"/> and the
    /// host stops as soon as it has started (<c>RunAsync</c> returns normally); other hosted services registered in the same
    /// host are started and stopped, so a job built from the application's own program should leave them out.
    /// </remarks>
    public static IMigrationKitBuilder MigrateOnStartup(this IMigrationKitBuilder builder, MigrationStartupMode mode = MigrationStartupMode.Migrate, Action<MigrationStartupOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a MigrationStartupMode.");
        }

        var name = builder.Name;
        var options = builder.Services
            .Where(d => d.ServiceType == typeof(MigrationStartupOptions) && Equals(d.ServiceKey, name))
            .Select(d => (d.IsKeyedService ? d.KeyedImplementationInstance : d.ImplementationInstance) as MigrationStartupOptions)
            .FirstOrDefault(o => o is not null);
        if (options is null)
        {
            options = new MigrationStartupOptions();
            var state = new MigrationStartupState();
            builder.Services.AddKeyedSingleton(name, options);
            builder.Services.AddKeyedSingleton(name, state);
            builder.Services.AddSingleton<IHostedService>(services => new MigrationStartupService(services, name, options, state));
        }

        options.Mode = mode;
        configure?.Invoke(options);
        return builder;
    }
}
