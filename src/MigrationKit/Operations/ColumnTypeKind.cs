namespace MigrationKit.Operations;

/// <summary>The provider-neutral column types; each provider maps them to its own.</summary>
public enum ColumnTypeKind
{
    /// <summary>A 16-bit integer.</summary>
    Int16,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>An exact decimal with precision and scale.</summary>
    Decimal,

    /// <summary>A double-precision floating-point number.</summary>
    Double,

    /// <summary>A string of bounded length.</summary>
    String,

    /// <summary>A string of unbounded length.</summary>
    Text,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A calendar date.</summary>
    Date,

    /// <summary>A date and time without offset.</summary>
    DateTime,

    /// <summary>A date and time with offset (stored as UTC where the provider does so).</summary>
    DateTimeOffset,

    /// <summary>A UUID.</summary>
    Guid,

    /// <summary>Binary data.</summary>
    Binary,

    /// <summary>A JSON document.</summary>
    Json,

    /// <summary>A provider-specific type written verbatim (the escape hatch).</summary>
    Custom,
}
