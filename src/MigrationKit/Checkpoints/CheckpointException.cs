namespace MigrationKit.Checkpoints;

/// <summary>
/// A checkpoint could not be created, verified or restored: its file is missing, truncated or fails its checksum, or
/// the backup tools are missing or too old. The message names the checkpoint or file and the remedy; a restore that
/// throws this has not touched the database.
/// </summary>
public sealed class CheckpointException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, naming the checkpoint or file, and the remedy.</param>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What failed, naming the checkpoint or file, and the remedy.</param>
    /// <param name="innerException">The cause.</param>
    public CheckpointException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public CheckpointException()
    {
    }
}
