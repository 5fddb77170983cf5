namespace MigrationKit.Data.Preview;

/// <summary>
/// In the plan of a whole-database move: the tables of the same move that one table refers to and that are not in the
/// target yet (their moves run first), the id maps those moves will fill, and the write time per row measured on a
/// table planned before it, which stands in for this table's (its sample cannot be written before its parents).
/// </summary>
internal sealed record PendingParents(IReadOnlyList<string> Tables, IReadOnlySet<string> IdMapMoves, double? SecondsPerRow, string? MeasuredOn);
