namespace MigrationKit;

/// <summary>The requested target version or number of steps does not exist.</summary>
public sealed class MigrationTargetException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="target">The requested target.</param>
    /// <param name="message">Why it is invalid and what to ask for instead.</param>
    public MigrationTargetException(long target, string message)
        : base(message)
    {
        Target = target;
    }

    /// <summary>The requested target version (or number of steps).</summary>
    public long Target { get; }
}
