namespace MigrationKit.Inspection;

/// <summary>How an object differs between the expected schema and the actual one.</summary>
public enum SchemaDifferenceKind
{
    /// <summary>Expected, but not in the actual schema.</summary>
    Missing,

    /// <summary>In the actual schema, but not expected.</summary>
    Unexpected,

    /// <summary>In both, with a different definition.</summary>
    Changed,
}
