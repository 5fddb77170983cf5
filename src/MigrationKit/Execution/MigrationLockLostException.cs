namespace MigrationKit;

/// <summary>
/// The run-level migration lock was lost part way through a run (for example its connection was ended with
/// <c>pg_terminate_backend</c>), so the run stopped rather than go on unprotected. The runner reports it wrapped in a
/// <see cref="MigrationFailedException"/> naming the migration in progress, whose transaction was rolled back.
/// </summary>
public sealed class MigrationLockLostException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="database">The target's description, without secrets.</param>
    /// <param name="innerException">Why the lock is known to be lost (the lock connection's error), if there is one.</param>
    public MigrationLockLostException(string database, Exception? innerException)
        : base($"The migration lock on {database} was lost during the run{(innerException is null ? " (the lock connection no longer holds it)" : ": " + innerException.Message)}. The run stopped so that it does not go on without the lock; the migration in progress was not committed. Run again: the next run takes the lock again and goes on from where this one stopped.", innerException)
    {
        Database = database;
    }

    /// <summary>The target's description.</summary>
    public string Database { get; }
}
