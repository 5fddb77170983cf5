namespace MigrationKit.Statistics;

/// <summary>What a <see cref="DataCheck"/> counts or measures in a table.</summary>
public enum DataCheckKind
{
    /// <summary>Rows whose column is NULL (before <c>SET NOT NULL</c> or a primary key).</summary>
    NullCount,

    /// <summary>Key values held by more than one row (before a unique index, unique constraint or primary key).</summary>
    DuplicateCount,

    /// <summary>Rows whose column holds a value (before the column is dropped).</summary>
    NonNullCount,

    /// <summary>The largest value of an integer column (a key against the 32-bit range).</summary>
    MaxValue,
}
