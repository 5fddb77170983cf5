namespace MigrationKit.Data.Moves;

/// <summary>What a run of a data move did. Counts include earlier runs that this one resumed.</summary>
/// <param name="MoveName">The move.</param>
/// <param name="Status">How the run ended.</param>
/// <param name="RunId">This run's id in the runs table.</param>
/// <param name="ResumedFromBatch">The last batch committed before this run started (0 when it started from the beginning).</param>
/// <param name="Batches">Batches committed in all.</param>
/// <param name="RowsRead">Source rows read in all.</param>
/// <param name="RowsWritten">Target rows written in all.</param>
/// <param name="RowsRejected">Source rows rejected in all (see <see cref="DataMoveBuilder.ErrorBudget(long)"/>).</param>
/// <param name="Rejects">The rows this run rejected (at most the first 1,000); all of them are in the rejects table.</param>
/// <param name="Checksum">The running content checksum of the rows written (order-independent).</param>
/// <param name="Elapsed">This run's duration.</param>
public sealed record DataMoveResult(string MoveName, DataMoveStatus Status, long RunId, long ResumedFromBatch, long Batches, long RowsRead, long RowsWritten, long RowsRejected, IReadOnlyList<DataMoveReject> Rejects, long Checksum, TimeSpan Elapsed)
{
    /// <summary>The checkpoint of the target this run took before its first batch (see <see cref="DataMoveBuilder.CheckpointFirst"/>), or null.</summary>
    public MigrationKit.Checkpoints.Checkpoint? Checkpoint { get; init; }
}
