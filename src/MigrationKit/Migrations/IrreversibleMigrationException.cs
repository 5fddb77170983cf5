namespace MigrationKit;

/// <summary>A migration has no Down and its Up holds an operation that cannot be undone automatically.</summary>
public sealed class IrreversibleMigrationException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="version">The migration's version.</param>
    /// <param name="migrationName">The migration's class name.</param>
    /// <param name="operation">The operation that cannot be reversed.</param>
    public IrreversibleMigrationException(long version, string migrationName, string operation)
        : base($"Migration {version} ({migrationName}) cannot be reverted: its Up contains '{operation}', which has no automatic inverse. Override Down in {migrationName} to say how to undo it.")
    {
        Version = version;
        MigrationName = migrationName;
        Operation = operation;
    }

    /// <summary>The same failure with a message of its own, for migrations whose remedy is not a Down method (a SQL file without its Down file).</summary>
    internal IrreversibleMigrationException(long version, string migrationName, string operation, string message)
        : base(message)
    {
        Version = version;
        MigrationName = migrationName;
        Operation = operation;
    }

    /// <summary>The migration's version.</summary>
    public long Version { get; }

    /// <summary>The migration's class name (its file name for a SQL-file migration).</summary>
    public string MigrationName { get; }

    /// <summary>The operation that cannot be reversed.</summary>
    public string Operation { get; }
}
