namespace MigrationKit;

/// <summary>
/// The root of every domain failure MigrationKit reports. Argument and configuration mistakes throw the
/// BCL's own exceptions instead; catch this type to handle "the migration could not be done".
/// </summary>
public class MigrationKitException : Exception
{
    /// <summary>Creates an exception with a message that says what failed and what to do.</summary>
    /// <param name="message">What failed, naming the object, and the remedy.</param>
    public MigrationKitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the cause, typically the database driver's exception.</summary>
    /// <param name="message">What failed, naming the object, and the remedy.</param>
    /// <param name="innerException">The cause.</param>
    public MigrationKitException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a default message.</summary>
    public MigrationKitException()
    {
    }
}
