namespace MigrationKit.Checkpoints;

/// <summary>When the runner takes a checkpoint by itself before a run up.</summary>
public enum CheckpointPolicy
{
    /// <summary>Never; checkpoints are taken only by hand (the default).</summary>
    Never,

    /// <summary>Before every run up that has something pending.</summary>
    Always,

    /// <summary>
    /// Before a run up when a pending migration runs without a transaction or is destructive (marked
    /// <see cref="MigrationAttribute.Destructive"/>, or one of its Up operations can destroy data).
    /// </summary>
    BeforeRiskyMigrations,

    /// <summary>
    /// Before a run (up or down) whose plan has a step rated <see cref="Risk.RiskLevel.High"/> or worse, graded with the
    /// live statistics as <see cref="IMigrationRunner.PlanAsync"/> grades it.
    /// </summary>
    BeforeHighRisk,
}
