namespace MigrationKit.Data.Endpoints;

/// <summary>
/// What a column holds, as a data move converts to it. Each kind has one CLR representation that the converters produce
/// and that an <see cref="IDataRowWriter"/> receives: <see cref="bool"/>, <see cref="short"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="decimal"/>, <see cref="double"/>, <see cref="string"/>, <see cref="System.Guid"/>,
/// <see cref="DateTime"/> (kind unspecified for <see cref="Timestamp"/>, UTC for <see cref="TimestampTz"/>),
/// <see cref="DateOnly"/>, <see cref="string"/> (valid JSON) and <see cref="byte"/>[].
/// </summary>
public enum DataType
{
    /// <summary>A type the mover does not know: values pass through unchanged.</summary>
    Unknown,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A 16-bit integer.</summary>
    Int16,

    /// <summary>A 32-bit integer.</summary>
    Int32,

    /// <summary>A 64-bit integer.</summary>
    Int64,

    /// <summary>An exact decimal number.</summary>
    Decimal,

    /// <summary>A double-precision floating-point number.</summary>
    Double,

    /// <summary>Text.</summary>
    Text,

    /// <summary>A UUID.</summary>
    Guid,

    /// <summary>A date and time without a time zone.</summary>
    Timestamp,

    /// <summary>An instant (a date and time in UTC).</summary>
    TimestampTz,

    /// <summary>A date.</summary>
    Date,

    /// <summary>A JSON document.</summary>
    Json,

    /// <summary>Bytes.</summary>
    Binary,
}
