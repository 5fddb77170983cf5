using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>A domain: a base type with constraints of its own.</summary>
/// <param name="Name">The domain's name.</param>
/// <param name="BaseType">The base type, such as <c>numeric(12,2)</c>.</param>
public sealed record DomainSchema(QualifiedName Name, string BaseType)
{
    /// <summary>Whether nulls are accepted (<see langword="false"/> for <c>NOT NULL</c>).</summary>
    public bool IsNullable { get; init; } = true;

    /// <summary>The default as SQL text, or <see langword="null"/>.</summary>
    public string? DefaultSql { get; init; }

    /// <summary>The collation when it differs from the base type's, or <see langword="null"/>.</summary>
    public string? Collation { get; init; }

    /// <summary>The check constraints.</summary>
    public IReadOnlyList<CheckConstraintDefinition> CheckConstraints { get; init; } = [];
}
