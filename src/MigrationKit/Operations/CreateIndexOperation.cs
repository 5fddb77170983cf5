namespace MigrationKit.Operations;

/// <summary>Creates an index.</summary>
/// <param name="Table">The indexed table.</param>
/// <param name="Index">The index.</param>
public sealed record CreateIndexOperation(QualifiedName Table, IndexDefinition Index) : MigrationOperation
{
    /// <summary>Whether the index is built without blocking writes (PostgreSQL <c>CONCURRENTLY</c>); needs a migration without a transaction.</summary>
    public bool Concurrently { get; init; }

    /// <inheritdoc />
    public override bool RequiresNoTransaction => Concurrently;

    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropIndexOperation(Table, Index.Name) { Concurrently = Concurrently };

    /// <inheritdoc />
    public override string Describe() => $"create index {Index.Name} on {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
