using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MigrationKit.Diagnostics;

/// <summary>
/// Tells the observers of one runner (those in the options and those registered in the container) what happened; an
/// observer's exception is logged and never fails the work that already committed.
/// </summary>
internal sealed class MigrationNotifier(IEnumerable<IMigrationObserver> configured, IServiceProvider? services, ILogger logger, string dbSystem)
{
    /// <summary>
    /// A notifier that tells no one and counts nothing, for work on a scratch database (a drift replay): its steps are
    /// not migrations of the target and must not show in its metrics or observers.
    /// </summary>
    public static MigrationNotifier Silent(string dbSystem) => new([], null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, dbSystem) { IsSilent = true };

    private bool IsSilent { get; init; }

    /// <summary>The <c>db.system.name</c> attribute every measurement of this runner carries.</summary>
    public KeyValuePair<string, object?> DbSystem { get; } = new(MigrationKitTelemetry.DbSystemName, dbSystem);

    private IMigrationObserver[]? _observers;

    private IMigrationObserver[] Observers => _observers ??= [.. configured, .. services?.GetServices<IMigrationObserver>() ?? []];

    /// <summary>Logs a committed step, counts it in the metrics and tells the observers.</summary>
    public void StepCompleted(MigrationStepResult result)
    {
        if (IsSilent)
        {
            return;
        }

        Log.MigrationCompleted(logger, result.Version, result.Description, result.Direction.ToString(), (long)result.Duration.TotalMilliseconds);
        if (result.Direction == MigrationDirection.Up)
        {
            Notify(o => o.OnMigrationApplied(result), nameof(IMigrationObserver.OnMigrationApplied));
        }
        else
        {
            Notify(o => o.OnMigrationReverted(result), nameof(IMigrationObserver.OnMigrationReverted));
        }

        var direction = new KeyValuePair<string, object?>("migrationkit.direction", result.Direction.ToString());
        MigrationKitTelemetry.MigrationsApplied.Add(1, direction, DbSystem);
        MigrationKitTelemetry.MigrationDuration.Record(result.Duration.TotalSeconds, direction, DbSystem);
    }

    /// <summary>Counts a failed step in the metrics.</summary>
    public void StepFailed(MigrationDirection direction)
    {
        if (!IsSilent)
        {
            MigrationKitTelemetry.MigrationsFailed.Add(1, new KeyValuePair<string, object?>("migrationkit.direction", direction.ToString()), DbSystem);
        }
    }

    /// <summary>Calls <paramref name="callback"/> on every observer.</summary>
    public void Notify(Action<IMigrationObserver> callback, string name)
    {
        foreach (var observer in Observers)
        {
            try
            {
                callback(observer);
            }
#pragma warning disable CA1031 // An observer's bug must not fail a migration run that already committed.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.ObserverFailed(logger, e, observer.GetType().Name, name);
            }
        }
    }
}
