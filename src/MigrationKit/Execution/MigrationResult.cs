namespace MigrationKit;

/// <summary>What a run did.</summary>
/// <param name="RunId">The run's id, as recorded in the journal.</param>
/// <param name="Direction">Up or down.</param>
/// <param name="FromVersion">The version before the run (0 for none).</param>
/// <param name="ToVersion">The version after the run (0 for none).</param>
/// <param name="Steps">The migrations applied or reverted, in order.</param>
public sealed record MigrationResult(Guid RunId, MigrationDirection Direction, long FromVersion, long ToVersion, IReadOnlyList<MigrationStepResult> Steps)
{
    /// <summary>
    /// The repeatable SQL-file migrations (<c>R__{name}.sql</c>) the run re-applied after <see cref="Steps"/> because
    /// they changed, by name; each with version 0 and the repeatable's description.
    /// </summary>
    public IReadOnlyList<MigrationStepResult> Repeatables { get; init; } = [];

    /// <summary>Whether the run changed nothing.</summary>
    public bool NothingToDo => Steps.Count == 0 && Repeatables.Count == 0;
}
