namespace MigrationKit.Data.Conversion;

/// <summary>What a <see cref="DataConverter"/> does; the engine dispatches on it.</summary>
internal enum DataConverterKind
{
    NewGuid,
    ViaIdMap,
    Lookup,
    UnixMilliseconds,
    UnixSeconds,
    Custom,
}
