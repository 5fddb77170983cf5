namespace MigrationKit.Runs;

/// <summary>What started a run.</summary>
public enum MigrationRunCommand
{
    /// <summary><see cref="IMigrationRunner.MigrateUpAsync"/>: pending migrations applied.</summary>
    Up,

    /// <summary><see cref="IMigrationRunner.MigrateDownAsync"/>: applied migrations reverted down to a version.</summary>
    Down,

    /// <summary><see cref="IMigrationRunner.RollbackAsync"/>: the newest applied migrations reverted.</summary>
    Rollback,

    /// <summary><see cref="IMigrationRunner.ExecutePlanAsync"/>: a reviewed plan carried out.</summary>
    ExecutePlan,

    /// <summary><see cref="IMigrationRunner.BaselineAsync"/>: migrations marked as applied without running them.</summary>
    Baseline,

    /// <summary><see cref="IMigrationRunner.RepairAsync"/>: checksums re-recorded or failed steps cleared.</summary>
    Repair,
}
