using MigrationKit.Checkpoints;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Databases;

/// <summary>What a run of a whole-database move did.</summary>
/// <param name="MoveName">The database move.</param>
/// <param name="Tables">Each table's move, in the order they ran (parents before children).</param>
/// <param name="DeferredColumns">The columns loaded as NULL and filled in afterwards (<c>table.column</c>), with the rows this run updated (0 when an earlier run had filled them; a run resuming a fill-in counts only the rows after its last committed batch).</param>
/// <param name="KeyGenerators">The key generators moved past the highest key.</param>
/// <param name="ForeignKeys">Every foreign key of the target tables moved, checked for orphans after the load (and validated when it was not).</param>
/// <param name="Checkpoint">The checkpoint of the target taken before the first row moved, or null.</param>
/// <param name="Elapsed">This run's duration.</param>
public sealed record DatabaseMoveResult(string MoveName, IReadOnlyList<DataMoveResult> Tables, IReadOnlyDictionary<string, long> DeferredColumns, IReadOnlyList<DataKeyGenerator> KeyGenerators, IReadOnlyList<DataForeignKeyCheck> ForeignKeys, Checkpoint? Checkpoint, TimeSpan Elapsed)
{
    /// <summary>Whether no foreign key of the moved tables has an orphan (a value its parent table does not hold).</summary>
    public bool HasNoOrphans => ForeignKeys.All(f => f.Orphans == 0);
}
