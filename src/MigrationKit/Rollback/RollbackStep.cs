using MigrationKit.Operations;

namespace MigrationKit.Rollback;

/// <summary>One applied migration a rollback would undo: its Down operations, or why it has none.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Down">The Down operations, or <see langword="null"/> when there are none to run.</param>
/// <param name="Problem">Why there is no Down (missing from the code, irreversible), or <see langword="null"/>.</param>
internal sealed record RollbackStep(long Version, string Description, IReadOnlyList<MigrationOperation>? Down, string? Problem)
{
    /// <summary>The Up operations that were applied, when known: what they destroyed no Down brings back.</summary>
    public IReadOnlyList<MigrationOperation> Up { get; init; } = [];

    /// <summary>
    /// For the Down's drops of columns and tables: how many values (non-null values of the column, rows of the table) the
    /// database holds now, checked live. An operation that is absent is unknown.
    /// </summary>
    public IReadOnlyDictionary<MigrationOperation, long> ValuesHeld { get; init; } = new Dictionary<MigrationOperation, long>();
}
