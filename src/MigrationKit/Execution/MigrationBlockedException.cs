namespace MigrationKit;

/// <summary>
/// A migration could not take a table lock it needs: every attempt allowed by <see cref="MigrationKitOptions.LockRetry"/>
/// ran into the provider's lock timeout because another session kept the table locked. Each attempt's transaction was
/// rolled back, so the database is as it was before the migration. The provider's exception is the
/// <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class MigrationBlockedException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="version">The migration's version.</param>
    /// <param name="description">The migration's description.</param>
    /// <param name="direction">Up or down.</param>
    /// <param name="statement">The statement that waited in vain, when known.</param>
    /// <param name="attempts">How many times the migration was tried.</param>
    /// <param name="blocker">Which session holds the lock on which table, as the provider describes it; <see langword="null"/> when it could not tell.</param>
    /// <param name="innerException">The provider's lock-timeout error of the last attempt.</param>
    public MigrationBlockedException(long version, string description, MigrationDirection direction, string? statement, int attempts, string? blocker, Exception innerException)
        : base(BuildMessage(version, description, direction, statement, attempts, blocker, innerException), innerException)
    {
        Version = version;
        Description = description;
        Direction = direction;
        Statement = statement;
        Attempts = attempts;
        Blocker = blocker;
    }

    /// <summary>The migration's version.</summary>
    public long Version { get; }

    /// <summary>The migration's description.</summary>
    public string Description { get; }

    /// <summary>Up or down.</summary>
    public MigrationDirection Direction { get; }

    /// <summary>The statement that waited in vain, when known.</summary>
    public string? Statement { get; }

    /// <summary>How many times the migration was tried.</summary>
    public int Attempts { get; }

    /// <summary>Which session holds the lock on which table, when the provider could tell.</summary>
    public string? Blocker { get; }

    private static string BuildMessage(long version, string description, MigrationDirection direction, string? statement, int attempts, string? blocker, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var at = statement is null ? string.Empty : $" at statement:\n  {statement}\n";
        var who = blocker ?? "The session holding the lock could not be identified (it may have ended meanwhile).";
        return $"Migration {version} '{description}' ({direction}) gave up after {attempts} attempt(s): a table it needs stayed locked by another session{at}: {inner.Message}\n{who}\n"
            + "Each attempt was rolled back, so the database is as it was before this migration. Let the blocking session finish (or end it), then run again; "
            + "to wait longer, raise the provider's lock timeout or MigrationKitOptions.LockRetry.MaxAttempts.";
    }
}
