namespace MigrationKit.Data.Conversion;

/// <summary>
/// A per-column conversion of a data move, made by <see cref="DataConvert"/>. Whatever a converter returns is then
/// converted strictly to the target column's type.
/// </summary>
public sealed class DataConverter
{
    private DataConverter(DataConverterKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    /// <summary>What the converter does, in words (for plans and messages).</summary>
    public string Description { get; }

    internal DataConverterKind Kind { get; }

    internal string? MoveName { get; private init; }

    internal string? LookupTable { get; private init; }

    internal string? LookupMatchColumn { get; private init; }

    internal string? LookupResultColumn { get; private init; }

    internal Func<object?, object?>? Function { get; private init; }

    /// <inheritdoc />
    public override string ToString() => Description;

    internal static DataConverter NewGuid() => new(DataConverterKind.NewGuid, "a new UUID, recorded in the id map");

    internal static DataConverter ViaIdMap(string moveName) => new(DataConverterKind.ViaIdMap, $"the target key that move '{moveName}' gave this source key") { MoveName = moveName };

    internal static DataConverter Lookup(string table, string matchColumn, string resultColumn) =>
        new(DataConverterKind.Lookup, $"{resultColumn} of the row of {table} whose {matchColumn} equals the value") { LookupTable = table, LookupMatchColumn = matchColumn, LookupResultColumn = resultColumn };

    internal static DataConverter UnixMilliseconds() => new(DataConverterKind.UnixMilliseconds, "Unix milliseconds to a timestamp (UTC)");

    internal static DataConverter UnixSeconds() => new(DataConverterKind.UnixSeconds, "Unix seconds to a timestamp (UTC)");

    internal static DataConverter Custom(string description, Func<object?, object?> function) => new(DataConverterKind.Custom, description) { Function = function };
}
