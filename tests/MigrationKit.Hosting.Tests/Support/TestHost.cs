using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MigrationKit.Hosting.Tests;

/// <summary>Builds a real generic host with a MigrationKit target, the health check, a <see cref="ServingMarker"/> and an in-memory log.</summary>
public static class TestHost
{
    public static (IHost Host, ServingMarker Marker, ListLoggerProvider Log) Build(Action<IMigrationKitBuilder> configure)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var log = new ListLoggerProvider();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(log);
        builder.Services.AddMigrationKit(configure);
        builder.Services.AddHealthChecks().AddMigrationKitHealthCheck();
        builder.Services.AddSingleton<ServingMarker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ServingMarker>());
        var host = builder.Build();
        return (host, host.Services.GetRequiredService<ServingMarker>(), log);
    }

    public static async Task<HealthReportEntry> HealthAsync(this IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries["migrationkit"];
    }

    /// <summary>Polls a condition that the system under test converges to (never a fixed delay), failing after a generous bound.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }
}
