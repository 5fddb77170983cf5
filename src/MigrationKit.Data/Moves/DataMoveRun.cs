namespace MigrationKit.Data.Moves;

/// <summary>The latest run of one move as its target's control table records it (<see cref="DataMover.GetRunsAsync"/>).</summary>
/// <param name="Move">The move's name (a whole-database move's tables are <c>{move}.{table}</c>).</param>
/// <param name="RunId">The run, counted from 1 per move.</param>
/// <param name="Status"><c>running</c>, <c>completed</c>, <c>failed</c>, <c>interrupted</c> or <c>cancelled</c>.</param>
/// <param name="Batches">Batches committed so far, over all runs.</param>
/// <param name="LastKey">The last source key committed, where a rerun resumes; <see langword="null"/> before the first batch.</param>
/// <param name="RowsRead">Source rows read.</param>
/// <param name="RowsWritten">Target rows written.</param>
/// <param name="RowsRejected">Rows rejected into the rejects table.</param>
/// <param name="Error">The error that ended the run, if any.</param>
public sealed record DataMoveRun(string Move, long RunId, string Status, long Batches, string? LastKey, long RowsRead, long RowsWritten, long RowsRejected, string? Error);
