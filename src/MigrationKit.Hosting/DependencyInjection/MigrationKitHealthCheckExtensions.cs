using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MigrationKit.Hosting;

namespace MigrationKit;

/// <summary>Adds a MigrationKit target's schema state to the application's health checks.</summary>
public static class MigrationKitHealthCheckExtensions
{
    /// <summary>
    /// Adds a health check that reports a target's schema state: Healthy when every migration is applied; Degraded while
    /// the startup migration (<c>MigrateOnStartup</c>) is migrating or waiting; <paramref name="failureStatus"/> when it
    /// failed, when the history shows an incomplete step, an edited migration or one missing from the code, or when
    /// migrations are pending that nothing is applying. Each check reads the migration status (one query).
    /// </summary>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="target">The MigrationKit target's name, or <see langword="null"/> for the default target.</param>
    /// <param name="name">The health check's name (default <c>migrationkit</c>, or <c>migrationkit-{target}</c>).</param>
    /// <param name="failureStatus">The status reported on failure (default <see cref="HealthStatus.Unhealthy"/>).</param>
    /// <param name="tags">Tags to filter checks by, for example <c>"ready"</c>.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Use it for readiness (whether to send traffic), never for liveness: a replica waiting for another one's migration
    /// or a database that needs an operator's repair must not be restarted in a loop by its orchestrator, which is what a
    /// failing liveness probe does.
    /// </remarks>
    public static IHealthChecksBuilder AddMigrationKitHealthCheck(this IHealthChecksBuilder builder, string? target = null, string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (target is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(target);
        }

        return builder.Add(new HealthCheckRegistration(
            name ?? (target is null ? "migrationkit" : "migrationkit-" + target),
            services => new MigrationKitHealthCheck(services, target),
            failureStatus,
            tags));
    }

    /// <summary>
    /// Adds a health check that reports drift: Healthy while the target's schema is exactly what its applied migrations
    /// create, <paramref name="failureStatus"/> (Unhealthy by default) with the differences otherwise. Every check
    /// replays the migrations into a scratch database (on PostgreSQL a new database, which needs <c>CREATEDB</c>), so
    /// give it a tag of its own and poll it from a diagnostic endpoint, not from a readiness or liveness probe.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="target">The target's name, or <see langword="null"/> for the default target.</param>
    /// <param name="name">The check's name; default <c>migrationkit-drift</c> (or <c>migrationkit-drift-{target}</c>).</param>
    /// <param name="failureStatus">The status reported for drift; default Unhealthy.</param>
    /// <param name="tags">Tags for filtering the check.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddMigrationKitDriftCheck(this IHealthChecksBuilder builder, string? target = null, string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (target is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(target);
        }

        return builder.Add(new HealthCheckRegistration(
            name ?? (target is null ? "migrationkit-drift" : "migrationkit-drift-" + target),
            services => new MigrationKitDriftHealthCheck(services, target),
            failureStatus,
            tags));
    }
}
