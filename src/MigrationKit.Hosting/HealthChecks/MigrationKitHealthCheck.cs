using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationKit.Hosting.Diagnostics;

namespace MigrationKit.Hosting;

/// <summary>
/// Reports whether a target's schema is current: Degraded while the startup migration runs or waits, the registration's
/// failure status (Unhealthy by default) when it failed or when the history shows an incomplete step, an edited or a
/// missing migration, or pending migrations that nothing is applying; Healthy otherwise. Reads the status each time.
/// </summary>
internal sealed class MigrationKitHealthCheck(IServiceProvider services, string? name) : IHealthCheck
{
    private string Target => name ?? "default";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration.FailureStatus;
        var state = services.GetKeyedService<MigrationStartupState>(name);
        var (phase, error) = state?.Current ?? (MigrationStartupPhase.Completed, null);
        var data = new Dictionary<string, object> { ["target"] = Target, ["startup"] = state is null ? "none" : phase.ToString() };
        switch (phase)
        {
            case MigrationStartupPhase.Migrating:
                return HealthCheckResult.Degraded($"MigrationKit target '{Target}' is being migrated.", data: data);
            case MigrationStartupPhase.Waiting:
                return HealthCheckResult.Degraded($"MigrationKit target '{Target}' is waiting for another instance to apply its migrations.", data: data);
            case MigrationStartupPhase.Failed:
                return new HealthCheckResult(failure, $"MigrationKit target '{Target}': the startup migration failed: {error?.Message}", error, data);
        }

        MigrationStatus status;
        try
        {
            status = await services.GetRequiredKeyedService<IMigrationRunner>(name).GetStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("MigrationKit.Hosting");
            Log.HealthCheckStatusFailed(logger, Target, exception);
            return new HealthCheckResult(failure, $"MigrationKit target '{Target}': the migration status could not be read: {exception.Message}", exception, data);
        }

        data["version"] = status.CurrentVersion;
        var ignoreMissing = services.GetKeyedService<MigrationKitOptions>(name)?.IgnoreMissingMigrations ?? false;
        var problems = new List<string>();
        Describe(problems, status, MigrationState.Incomplete, "incomplete (failed part way outside a transaction; repair or restore)");
        Describe(problems, status, MigrationState.Modified, "modified since applied");
        if (!ignoreMissing)
        {
            Describe(problems, status, MigrationState.Missing, "applied but missing from the code");
        }

        var pending = status.Pending.Select(m => m.Version).ToArray();
        data["pending"] = pending;
        if (problems.Count > 0)
        {
            return new HealthCheckResult(failure, $"MigrationKit target '{Target}' at version {status.CurrentVersion}: {string.Join("; ", problems)}.", data: data);
        }

        if (pending.Length > 0)
        {
            // Startup not reached yet: the host is about to migrate or wait.
            return phase == MigrationStartupPhase.NotStarted
                ? HealthCheckResult.Degraded($"MigrationKit target '{Target}' has {pending.Length} pending migration(s) and its startup migration has not run yet.", data: data)
                : new HealthCheckResult(failure, $"MigrationKit target '{Target}' at version {status.CurrentVersion} is behind the code: pending {string.Join(", ", pending)}.", data: data);
        }

        return HealthCheckResult.Healthy($"MigrationKit target '{Target}' is current at version {status.CurrentVersion}.", data);
    }

    private static void Describe(List<string> problems, MigrationStatus status, MigrationState state, string what)
    {
        var versions = status.Migrations.Where(m => m.State == state).Select(m => m.Version).ToArray();
        if (versions.Length > 0)
        {
            problems.Add($"{what}: {string.Join(", ", versions)}");
        }
    }
}
