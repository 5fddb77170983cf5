namespace MigrationKit.Data.Endpoints;

/// <summary>A key generator after <see cref="IDataCatalog.AdvanceKeyGeneratorsAsync"/> moved it.</summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The column the generator fills.</param>
/// <param name="Generator">The generator: a sequence's name, or <c>sqlite_sequence</c>.</param>
/// <param name="HighestKey">The highest value in the column.</param>
/// <param name="NextValue">The value the generator hands out next.</param>
public sealed record DataKeyGenerator(string Table, string Column, string Generator, long HighestKey, long NextValue);
