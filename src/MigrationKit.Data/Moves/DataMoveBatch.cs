namespace MigrationKit.Data.Moves;

/// <summary>One batch of a data move, as a <see cref="DataMoveObserver"/> sees it.</summary>
/// <param name="MoveName">The move.</param>
/// <param name="RunId">The run (1 for the first run of the move, one more for each resumed run).</param>
/// <param name="Number">The batch's number in the move, counted across runs from 1.</param>
/// <param name="Rows">Source rows in the batch.</param>
/// <param name="LastKey">The last source key of the batch, as stored in the progress row (a JSON array).</param>
public sealed record DataMoveBatch(string MoveName, long RunId, long Number, int Rows, string LastKey);
