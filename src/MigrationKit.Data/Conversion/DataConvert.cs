namespace MigrationKit.Data.Conversion;

/// <summary>The converters a data move's <c>Map</c> accepts.</summary>
public static class DataConvert
{
    /// <summary>
    /// Gives each row a new UUID in this column and records <c>source key → new UUID</c> in the id map, in the same
    /// transaction as the row. Only for the column the source key is mapped to.
    /// </summary>
    /// <returns>The converter.</returns>
    public static DataConverter ToNewGuid() => DataConverter.NewGuid();

    /// <summary>
    /// Replaces a source key of another move (a foreign key, typically) by the target key that move recorded in its id
    /// map, which must be in the same target database. A value the map does not hold is a bad row.
    /// </summary>
    /// <param name="moveName">The name of the move that moved the referenced rows.</param>
    /// <returns>The converter.</returns>
    /// <exception cref="ArgumentException"><paramref name="moveName"/> is empty.</exception>
    public static DataConverter ViaIdMap(string moveName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moveName);
        return DataConverter.ViaIdMap(moveName);
    }

    /// <summary>
    /// Replaces a value by a column of the target database's row that matches it (an enum stored as text becoming the
    /// key of a lookup table, for example). The lookup table is read once at the start of the move. A value without a
    /// match is a bad row.
    /// </summary>
    /// <param name="table">The lookup table in the target database.</param>
    /// <param name="matchColumn">The lookup table's column compared with the source value (as text).</param>
    /// <param name="resultColumn">The lookup table's column whose value is written.</param>
    /// <returns>The converter.</returns>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public static DataConverter Lookup(string table, string matchColumn, string resultColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        ArgumentException.ThrowIfNullOrWhiteSpace(matchColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultColumn);
        return DataConverter.Lookup(table, matchColumn, resultColumn);
    }

    /// <summary>Reads an integer (or integer text) as milliseconds since 1970-01-01 UTC.</summary>
    /// <returns>The converter.</returns>
    public static DataConverter UnixMillisecondsToTimestamp() => DataConverter.UnixMilliseconds();

    /// <summary>Reads an integer (or integer text) as seconds since 1970-01-01 UTC.</summary>
    /// <returns>The converter.</returns>
    public static DataConverter UnixSecondsToTimestamp() => DataConverter.UnixSeconds();

    /// <summary>
    /// Applies a function to the source value (null for NULL). The function must be deterministic: validation applies it
    /// again to compare contents. An exception it throws makes the row a bad row.
    /// </summary>
    /// <param name="description">What the function does, for messages.</param>
    /// <param name="function">The conversion.</param>
    /// <returns>The converter.</returns>
    /// <exception cref="ArgumentException">The description is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static DataConverter Custom(string description, Func<object?, object?> function)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(function);
        return DataConverter.Custom(description, function);
    }
}
