namespace MigrationKit;

/// <summary>The migration lock could not be taken in time because another runner (or session) holds it.</summary>
public sealed class MigrationLockTimeoutException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="database">The target's description, without secrets.</param>
    /// <param name="timeout">How long the runner waited.</param>
    /// <param name="holder">Who holds the lock (process id, application, since when), when the database can tell.</param>
    public MigrationLockTimeoutException(string database, TimeSpan timeout, string? holder)
        : base($"Could not take the migration lock on {database} within {timeout.TotalSeconds:0.#} s: {holder ?? "another session holds it"}. Wait for that migration to finish, or end the session holding the lock if it is stuck, then run again (or raise the lock timeout).")
    {
        Database = database;
        Timeout = timeout;
        Holder = holder;
    }

    /// <summary>The target's description.</summary>
    public string Database { get; }

    /// <summary>How long the runner waited.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Who holds the lock, when known.</summary>
    public string? Holder { get; }
}
