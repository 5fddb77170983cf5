using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace HostedStartup;

/// <summary>
/// Stands for the application's real work (a web server, a queue consumer). It starts only after the startup migration,
/// prints the readiness report, and, unless the app runs with <c>--serve</c>, stops the host so that CI can run the sample.
/// </summary>
public sealed class ReadinessReporter(HealthCheckService health, IHostApplicationLifetime lifetime, bool serve) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains("ready"), stoppingToken);
        foreach (var (name, entry) in report.Entries)
        {
            Console.WriteLine($"readiness {name}: {entry.Status} - {entry.Description}");
        }

        if (report.Status != HealthStatus.Healthy)
        {
            Environment.ExitCode = 1;
        }

        if (!serve)
        {
            lifetime.StopApplication();
        }
    }
}
