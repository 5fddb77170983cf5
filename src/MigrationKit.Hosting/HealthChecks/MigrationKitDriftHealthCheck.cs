using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationKit.Hosting.Diagnostics;

namespace MigrationKit.Hosting;

/// <summary>
/// Reports whether a target's schema is what its applied migrations create (<see cref="IMigrationRunner.DetectDriftAsync"/>):
/// Healthy without drift, the registration's failure status with the differences when there is drift or when it could
/// not be checked. Each check replays the migrations into a scratch database, so it belongs on a diagnostic endpoint
/// polled now and then, not on a readiness or liveness probe.
/// </summary>
internal sealed class MigrationKitDriftHealthCheck(IServiceProvider services, string? name) : IHealthCheck
{
    private string Target => name ?? "default";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration.FailureStatus;
        var data = new Dictionary<string, object> { ["target"] = Target };
        Drift.DriftReport report;
        try
        {
            report = await services.GetRequiredKeyedService<IMigrationRunner>(name).DetectDriftAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("MigrationKit.Hosting");
            Log.HealthCheckStatusFailed(logger, Target, exception);
            return new HealthCheckResult(failure, $"MigrationKit target '{Target}': drift could not be checked: {exception.Message}", exception, data);
        }

        data["version"] = report.Version;
        data["differences"] = report.Findings.Select(f => f.ToString()).ToArray();
        return report.HasDrift
            ? new HealthCheckResult(failure, $"MigrationKit target '{Target}' has drifted from its migrations: {string.Join("; ", report.Findings)}.", data: data)
            : HealthCheckResult.Healthy($"MigrationKit target '{Target}' is what its migrations up to version {report.Version} create.", data);
    }
}
