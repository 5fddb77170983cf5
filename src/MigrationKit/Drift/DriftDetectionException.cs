namespace MigrationKit.Drift;

/// <summary>Drift could not be detected: an applied migration would not replay into the empty scratch database.</summary>
public sealed class DriftDetectionException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="version">The migration that did not replay.</param>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The replay's failure.</param>
    public DriftDetectionException(long version, string message, Exception? innerException)
        : base(message, innerException)
    {
        Version = version;
    }

    /// <summary>Creates the exception.</summary>
    public DriftDetectionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public DriftDetectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DriftDetectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The migration that did not replay; 0 when none is to blame.</summary>
    public long Version { get; }
}
