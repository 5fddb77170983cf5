using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>A view, kept as its provider's definition.</summary>
/// <param name="Name">The view name.</param>
/// <param name="Definition">The SQL that creates it.</param>
public sealed record ViewSchema(QualifiedName Name, string Definition);
