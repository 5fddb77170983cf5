namespace MigrationKit.Operations;

/// <summary>A check constraint.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Expression">The SQL boolean expression.</param>
public sealed record CheckConstraintDefinition(string Name, string Expression);
