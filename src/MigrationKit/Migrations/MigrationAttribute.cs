namespace MigrationKit;

/// <summary>Marks a class as a migration with its version and description.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class MigrationAttribute : Attribute
{
    /// <summary>Marks a migration.</summary>
    /// <param name="version">A positive version; timestamps such as <c>202611221030</c> are the convention.</param>
    /// <param name="description">What the migration does, in a few words.</param>
    public MigrationAttribute(long version, string description)
    {
        Version = version;
        Description = description;
    }

    /// <summary>The version.</summary>
    public long Version { get; }

    /// <summary>The description.</summary>
    public string Description { get; }

    /// <summary>Whether the migration runs in a transaction (the default) or without one.</summary>
    public MigrationTransactionMode Transaction { get; set; }

    /// <summary>
    /// How long, in milliseconds, a statement may wait for a lock before failing (PostgreSQL <c>lock_timeout</c>);
    /// 0 uses the provider's default, -1 waits forever.
    /// </summary>
    public int LockTimeoutMilliseconds { get; set; }

    /// <summary>
    /// How long, in milliseconds, one statement may run (PostgreSQL <c>statement_timeout</c>); 0 uses the provider's
    /// default, -1 means no limit.
    /// </summary>
    public int StatementTimeoutMilliseconds { get; set; }

    /// <summary>
    /// Whether the migration can destroy data in a way its operations do not show (for example raw SQL that deletes
    /// rows). Destructive migrations are risky: a <see cref="Checkpoints.CheckpointPolicy.BeforeRiskyMigrations"/> policy
    /// takes a checkpoint before them.
    /// </summary>
    public bool Destructive { get; set; }
}
