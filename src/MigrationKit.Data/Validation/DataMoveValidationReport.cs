namespace MigrationKit.Data.Validation;

/// <summary>
/// The comparison of a move's source and target: counts, the id map (every source row has exactly one target row), and
/// order-independent content checksums over the mapped values per key range, ranges bisected down to the differing keys.
/// </summary>
/// <param name="MoveName">The move.</param>
/// <param name="SourceRows">Source rows (after the move's filter).</param>
/// <param name="IdMapRows">Id-map entries of the move.</param>
/// <param name="RejectedRows">Source rows the move set aside in its rejects table (they have no target row).</param>
/// <param name="TargetRows">Target rows found through the id map.</param>
/// <param name="TargetTableRows">All rows of the target table (other moves' rows included).</param>
/// <param name="Ranges">Key ranges whose checksums were compared.</param>
/// <param name="RangesBisected">Ranges whose checksums differed and were bisected.</param>
/// <param name="Differences">The differing rows, in source key order (at most the limit asked for).</param>
public sealed record DataMoveValidationReport(string MoveName, long SourceRows, long IdMapRows, long RejectedRows, long TargetRows, long TargetTableRows, long Ranges, long RangesBisected, IReadOnlyList<DataDifference> Differences)
{
    /// <summary>Whether source and target agree: every source row mapped to exactly one equal target row, or rejected.</summary>
    public bool IsValid => Differences.Count == 0 && SourceRows == IdMapRows + RejectedRows && IdMapRows == TargetRows;
}
