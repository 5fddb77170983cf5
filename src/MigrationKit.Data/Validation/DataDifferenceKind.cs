namespace MigrationKit.Data.Validation;

/// <summary>How a source row and the target disagree.</summary>
public enum DataDifferenceKind
{
    /// <summary>The id map has no entry for the source row.</summary>
    Unmapped,

    /// <summary>The id map names a target row that does not exist.</summary>
    Missing,

    /// <summary>More than one target row has the row's target key.</summary>
    Duplicated,

    /// <summary>The target row's content differs from the mapped source row.</summary>
    Changed,

    /// <summary>The source row cannot be mapped any more (a converter fails on it).</summary>
    Unconvertible,
}
