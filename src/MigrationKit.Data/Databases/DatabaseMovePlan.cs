using MigrationKit.Data.Preview;

namespace MigrationKit.Data.Databases;

/// <summary>
/// The plan of a whole-database move, made without moving anything: each table's plan in load order (parents first),
/// the totals, and the highest risk. A table whose rows refer to parents that the move has not filled yet is sampled by
/// reading and converting only (its references shown as pending), and its estimate borrows the write time per row
/// measured on a table planned before it; its plan's reasons say so.
/// </summary>
/// <param name="MoveName">The database move.</param>
/// <param name="Tables">Each table's plan, in the order the run would move them.</param>
/// <param name="DeferredColumns">The columns the run loads as NULL and fills in afterwards (<c>table.column</c>).</param>
public sealed record DatabaseMovePlan(string MoveName, IReadOnlyList<DataMovePlan> Tables, IReadOnlyList<string> DeferredColumns)
{
    /// <summary>Source rows over all tables.</summary>
    public long SourceRows => Tables.Sum(t => t.SourceRows);

    /// <summary>Rows earlier runs already moved, over all tables.</summary>
    public long RowsAlreadyMoved => Tables.Sum(t => t.RowsAlreadyMoved);

    /// <summary>The sum of the tables' estimates, or <see langword="null"/> when a table has none.</summary>
    public TimeSpan? EstimatedDuration => Tables.Any(t => t.EstimatedDuration is null) ? null : Tables.Aggregate(TimeSpan.Zero, (sum, t) => sum + t.EstimatedDuration!.Value);

    /// <summary>The highest risk of any table.</summary>
    public DataMoveRisk Risk => Tables.Count == 0 ? DataMoveRisk.Low : Tables.Max(t => t.Risk);
}
