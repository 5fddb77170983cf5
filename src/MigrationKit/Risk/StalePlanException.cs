namespace MigrationKit.Risk;

/// <summary>
/// A plan was refused because the database moved on since it was made: the history (or the steps the plan would take)
/// is no longer what the plan was graded on. Nothing was executed. Plan again and review the new plan.
/// </summary>
public sealed class StalePlanException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="plannedFromVersion">The version the plan was made at.</param>
    /// <param name="currentVersion">The version the database is at now.</param>
    /// <param name="detail">What changed.</param>
    public StalePlanException(long plannedFromVersion, long currentVersion, string detail)
        : base($"The plan made at version {plannedFromVersion} is stale: {detail} (the database is at version {currentVersion} now). Nothing was run; call PlanAsync again and review the new plan.")
    {
        PlannedFromVersion = plannedFromVersion;
        CurrentVersion = currentVersion;
    }

    /// <summary>The version the plan was made at.</summary>
    public long PlannedFromVersion { get; }

    /// <summary>The version the database is at now.</summary>
    public long CurrentVersion { get; }
}
