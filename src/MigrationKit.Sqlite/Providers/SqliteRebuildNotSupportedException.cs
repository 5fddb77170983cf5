namespace MigrationKit;

/// <summary>
/// A change that SQLite makes by rebuilding a table (create the new table, copy the rows, drop the old one) was refused
/// before the database was touched, because the rebuild could not keep part of the table as it is, or the change
/// contradicts the table's definition. The message names the table, the part and what to do.
/// </summary>
public sealed class SqliteRebuildNotSupportedException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The table that would have been rebuilt.</param>
    /// <param name="feature">The part of its definition that could not be kept, or the clash, in a few words.</param>
    /// <param name="message">The full message: what, which table and what to do.</param>
    public SqliteRebuildNotSupportedException(string table, string feature, string message)
        : base(message)
    {
        Table = table;
        Feature = feature;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SqliteRebuildNotSupportedException()
    {
        Table = string.Empty;
        Feature = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public SqliteRebuildNotSupportedException(string message)
        : base(message)
    {
        Table = string.Empty;
        Feature = string.Empty;
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteRebuildNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Table = string.Empty;
        Feature = string.Empty;
    }

    /// <summary>The table that would have been rebuilt.</summary>
    public string Table { get; }

    /// <summary>The part of the table's definition that could not be kept, or the clash, in a few words.</summary>
    public string Feature { get; }
}
