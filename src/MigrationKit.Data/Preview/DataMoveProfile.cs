namespace MigrationKit.Data.Preview;

/// <summary>
/// A source table profiled against a move's mapping, without moving anything: per mapped column the NULLs, distinct
/// values, minimum and maximum, and the values that would fail conversion to the target column's type, so that type
/// problems show before the load rather than half way through it.
/// </summary>
/// <param name="MoveName">The move.</param>
/// <param name="SourceTable">The source table.</param>
/// <param name="TargetTable">The target table.</param>
/// <param name="Rows">Source rows (after the move's filter).</param>
/// <param name="Columns">One profile per mapping, in the mapping's order.</param>
public sealed record DataMoveProfile(string MoveName, string SourceTable, string TargetTable, long Rows, IReadOnlyList<DataColumnProfile> Columns)
{
    /// <summary>Whether no value would fail conversion.</summary>
    public bool ConvertsCleanly => Columns.All(c => c.ConversionFailures == 0);
}
