using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MigrationKit;

/// <summary>Adds MigrationKit's traces and metrics to an OpenTelemetry pipeline.</summary>
public static class MigrationKitInstrumentationExtensions
{
    /// <summary>The name of MigrationKit's <see cref="System.Diagnostics.ActivitySource"/> (its version is the package's).</summary>
    public const string ActivitySourceName = "MigrationKit";

    /// <summary>The name of MigrationKit's <see cref="System.Diagnostics.Metrics.Meter"/> (its version is the package's).</summary>
    public const string MeterName = "MigrationKit";

    /// <summary>Collects MigrationKit's spans: one per run, one per migration step.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddMigrationKitInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ActivitySourceName);
    }

    /// <summary>Collects MigrationKit's metrics: migrations applied and failed, step durations, checkpoints and restores.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddMigrationKitInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(MeterName);
    }
}
