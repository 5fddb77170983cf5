using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>An enumerated type.</summary>
/// <param name="Name">The type's name.</param>
/// <param name="Values">Its values, in their sort order.</param>
public sealed record EnumTypeSchema(QualifiedName Name, IReadOnlyList<string> Values);
