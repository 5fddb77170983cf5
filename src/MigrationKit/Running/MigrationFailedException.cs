namespace MigrationKit;

/// <summary>A migration step failed while running; the driver's exception is the <see cref="Exception.InnerException"/>.</summary>
public sealed class MigrationFailedException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="version">The migration's version.</param>
    /// <param name="description">The migration's description.</param>
    /// <param name="direction">Up or down.</param>
    /// <param name="statement">The statement that failed, if one did.</param>
    /// <param name="transactional">Whether the step ran in a transaction (and so left nothing behind).</param>
    /// <param name="innerException">The cause.</param>
    public MigrationFailedException(long version, string description, MigrationDirection direction, string? statement, bool transactional, Exception innerException)
        : base(BuildMessage(version, description, direction, statement, transactional, innerException), innerException)
    {
        Version = version;
        Direction = direction;
        Statement = statement;
        Transactional = transactional;
    }

    /// <summary>The migration's version.</summary>
    public long Version { get; }

    /// <summary>Up or down.</summary>
    public MigrationDirection Direction { get; }

    /// <summary>The statement that failed, if one did.</summary>
    public string? Statement { get; }

    /// <summary>Whether the step ran in a transaction, so that nothing of it remains.</summary>
    public bool Transactional { get; }

    private static string BuildMessage(long version, string description, MigrationDirection direction, string? statement, bool transactional, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var at = statement is null ? string.Empty : $" at statement:\n  {statement}\n";
        var outcome = transactional
            ? "Its transaction was rolled back: the database is as it was before this migration. Fix the migration (or the data) and run again."
            : "It ran without a transaction, so part of it may be applied and it is recorded as incomplete. Fix the database by hand (or restore a backup), then call RepairAsync to clear it.";
        return $"Migration {version} '{description}' failed ({direction}){at}: {inner.Message}\n{outcome}";
    }
}
