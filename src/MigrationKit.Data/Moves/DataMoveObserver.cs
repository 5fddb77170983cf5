namespace MigrationKit.Data.Moves;

/// <summary>
/// Receives the events of each batch of a data move. Derive from it and override what you need; the defaults do
/// nothing. An exception thrown by an override fails the batch like a database error would (the transaction rolls back).
/// </summary>
public abstract class DataMoveObserver
{
    /// <summary>Creates an observer.</summary>
    protected DataMoveObserver()
    {
    }

    /// <summary>Called inside the batch's target transaction, after its rows, id-map rows and progress row were written and before the commit.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Not cancelled by the move's cancellation: a batch being written always finishes.</param>
    /// <returns>A task that completes when the observer is done; the commit waits for it.</returns>
    public virtual ValueTask OnBatchWritingAsync(DataMoveBatch batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Called after the batch's transaction committed.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Not cancelled by the move's cancellation (the move stops after this call).</param>
    /// <returns>A task that completes when the observer is done.</returns>
    public virtual ValueTask OnBatchCommittedAsync(DataMoveBatch batch, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
