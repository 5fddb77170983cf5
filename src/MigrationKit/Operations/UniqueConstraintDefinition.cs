namespace MigrationKit.Operations;

/// <summary>A unique constraint.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The constrained columns, in order.</param>
public sealed record UniqueConstraintDefinition(string Name, IReadOnlyList<string> Columns);
