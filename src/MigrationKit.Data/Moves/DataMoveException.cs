namespace MigrationKit.Data.Moves;

/// <summary>
/// A data move failed while writing a batch (the database refused it, or the connection broke). The batch was rolled
/// back; the batches before it stay committed and the next run resumes there.
/// </summary>
public sealed class DataMoveException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="moveName">The move.</param>
    /// <param name="batch">The batch that failed.</param>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The database driver's exception.</param>
    public DataMoveException(string moveName, long batch, string message, Exception? innerException)
        : base(message, innerException)
    {
        MoveName = moveName;
        Batch = batch;
    }

    /// <summary>The move.</summary>
    public string MoveName { get; }

    /// <summary>The number of the batch that failed.</summary>
    public long Batch { get; }
}
