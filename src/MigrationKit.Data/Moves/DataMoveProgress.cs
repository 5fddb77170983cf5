namespace MigrationKit.Data.Moves;

/// <summary>Progress of a data move, reported after each committed batch.</summary>
/// <param name="MoveName">The move.</param>
/// <param name="Table">The target table.</param>
/// <param name="Phase">What the move is doing.</param>
/// <param name="RowsDone">Source rows done (moved or rejected), resumed runs included.</param>
/// <param name="RowsTotal">Source rows to move in all, counted at the start.</param>
/// <param name="RowsPerSecond">Rows per second of this run so far.</param>
/// <param name="EstimatedRemaining">The time left at that rate, or null before a rate is known.</param>
public sealed record DataMoveProgress(string MoveName, string Table, DataMovePhase Phase, long RowsDone, long RowsTotal, double RowsPerSecond, TimeSpan? EstimatedRemaining);
