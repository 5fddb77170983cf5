using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>A materialized view, kept as its provider's definition, with its indexes.</summary>
/// <param name="Name">The materialized view's name.</param>
/// <param name="Definition">The query that fills it.</param>
public sealed record MaterializedViewSchema(QualifiedName Name, string Definition)
{
    /// <summary>The indexes on the materialized view.</summary>
    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = [];
}
