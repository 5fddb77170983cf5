namespace MigrationKit.Data.Moves;

/// <summary>
/// A source row could not be converted for the target. The batch it belongs to was not written; the batches before it
/// stay committed and the next run resumes there.
/// </summary>
public sealed class DataMoveRowException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="moveName">The move.</param>
    /// <param name="table">The source table.</param>
    /// <param name="key">The row's source key (<c>column=value</c>, comma-separated).</param>
    /// <param name="column">The source column.</param>
    /// <param name="targetColumn">The target column.</param>
    /// <param name="value">The offending value as text (quoted when it was text).</param>
    /// <param name="expectedType">The type the target column needs.</param>
    /// <param name="reason">Why the conversion failed.</param>
    /// <param name="innerException">The cause, if any.</param>
    public DataMoveRowException(string moveName, string table, string key, string column, string targetColumn, string value, string expectedType, string reason, Exception? innerException)
        : base($"Data move '{moveName}': row {key} of '{table}' cannot be moved: column '{column}' has value {value}, which is not a {expectedType} for target column '{targetColumn}' ({reason}). "
            + "The batch was not written and the batches before it are kept; fix the row or map the column with a converter, then run the move again to resume.", innerException)
    {
        MoveName = moveName;
        Table = table;
        Key = key;
        Column = column;
        TargetColumn = targetColumn;
        Value = value;
        ExpectedType = expectedType;
    }

    /// <summary>The move.</summary>
    public string MoveName { get; }

    /// <summary>The source table.</summary>
    public string Table { get; }

    /// <summary>The row's source key (<c>column=value</c>, comma-separated).</summary>
    public string Key { get; }

    /// <summary>The source column.</summary>
    public string Column { get; }

    /// <summary>The target column.</summary>
    public string TargetColumn { get; }

    /// <summary>The offending value as text.</summary>
    public string Value { get; }

    /// <summary>The type the target column needs.</summary>
    public string ExpectedType { get; }
}
