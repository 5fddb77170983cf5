namespace MigrationKit.Planning;

/// <summary>
/// What a run will do, decided from the history and the code before anything executes: the direction, the target,
/// the version it starts from and the steps in order. Immutable; the executor carries it out whole or step by step,
/// and the dry run scripts the same object.
/// </summary>
/// <param name="Target">What was asked for.</param>
/// <param name="FromVersion">The version the database is at when planned (0 for none).</param>
/// <param name="Steps">The steps, in the order they run.</param>
internal sealed record MigrationPlan(MigrationTarget Target, long FromVersion, IReadOnlyList<MigrationPlanStep> Steps)
{
    /// <summary>Up or down.</summary>
    public MigrationDirection Direction => Target.Direction;

    /// <summary>Whether there is nothing to do.</summary>
    public bool IsEmpty => Steps.Count == 0;
}
