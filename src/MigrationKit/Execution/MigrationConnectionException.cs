namespace MigrationKit;

/// <summary>The database could not be opened or reached. The message names the target but never a password.</summary>
public sealed class MigrationConnectionException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="database">The target's description, without secrets.</param>
    /// <param name="innerException">The driver's exception.</param>
    public MigrationConnectionException(string database, Exception innerException)
        : base($"Could not open {database}: {innerException?.Message} Check that the path or server exists and is reachable, and that the account may read and write it.", innerException)
    {
        Database = database;
    }

    /// <summary>The target's description.</summary>
    public string Database { get; }
}
