namespace MigrationKit;

/// <summary>A migration class is declared wrongly, or its Up or Down recorded an invalid operation.</summary>
public sealed class InvalidMigrationException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="version">The migration's version, or 0 when it has none.</param>
    /// <param name="migrationName">The migration's class name.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public InvalidMigrationException(long version, string migrationName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Version = version;
        MigrationName = migrationName;
    }

    /// <summary>The migration's version, or 0 when it has none.</summary>
    public long Version { get; }

    /// <summary>The migration's class name.</summary>
    public string MigrationName { get; }
}
