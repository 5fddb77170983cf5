namespace MigrationKit.Operations;

/// <summary>A primary key.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The key columns, in order.</param>
public sealed record PrimaryKeyDefinition(string Name, IReadOnlyList<string> Columns);
