namespace MigrationKit.Operations;

/// <summary>Creates an index.</summary>
/// <param name="Table">The indexed table.</param>
/// <param name="Index">The index.</param>
public sealed record CreateIndexOperation(QualifiedName Table, IndexDefinition Index) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropIndexOperation(Table, Index.Name);

    /// <inheritdoc />
    public override string Describe() => $"create index {Index.Name} on {Table}";
}
