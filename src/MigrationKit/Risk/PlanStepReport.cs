using MigrationKit.Planning;

namespace MigrationKit.Risk;

/// <summary>One step of a <see cref="MigrationPlanReport"/>: the migration, the commands it will run, and their risk here.</summary>
/// <param name="Version">The migration's version.</param>
/// <param name="Description">The migration's description.</param>
/// <param name="Direction">Up or down.</param>
public sealed record PlanStepReport(long Version, string Description, MigrationDirection Direction)
{
    /// <summary>Whether the step runs in a transaction with its history row.</summary>
    public bool Transactional { get; init; } = true;

    /// <summary>The commands, exactly as the executor will run them (SQL and what each does).</summary>
    public IReadOnlyList<MigrationCommand> Commands { get; init; } = [];

    /// <summary>The step's overall level: its worst finding, raised by the context (activity, fan-in, volume, no way back).</summary>
    public RiskLevel Level { get; init; }

    /// <summary>What the rules and the context found, worst first.</summary>
    public IReadOnlyList<RiskFinding> Findings { get; init; } = [];

    /// <summary>The protections for the step, those the runner applies marked.</summary>
    public IReadOnlyList<Safeguard> Safeguards { get; init; } = [];

    /// <summary>How long the step should take.</summary>
    public DurationEstimate Estimate { get; init; } = new(TimeSpan.Zero, TimeSpan.Zero, "none");
}
