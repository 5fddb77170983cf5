namespace MigrationKit.Fleet;

/// <summary>What a fleet run did, one result per target in the order the targets were given.</summary>
/// <param name="Targets">The results.</param>
public sealed record FleetReport(IReadOnlyList<FleetTargetResult> Targets)
{
    /// <summary>Whether a canary failed, so that the other targets were skipped.</summary>
    public bool CanaryFailed => Targets.Any(t => t.IsCanary && t.Outcome == FleetOutcome.Failed);

    /// <summary>The targets that failed.</summary>
    public IReadOnlyList<FleetTargetResult> Failed => Targets.Where(t => t.Outcome == FleetOutcome.Failed).ToArray();

    /// <summary>Whether every target is current (migrated or already up to date).</summary>
    public bool Succeeded => Targets.All(t => t.Outcome is FleetOutcome.Migrated or FleetOutcome.UpToDate);
}
