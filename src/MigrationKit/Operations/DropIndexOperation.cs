namespace MigrationKit.Operations;

/// <summary>Drops an index. Irreversible without an explicit Down (the definition is not known).</summary>
/// <param name="Table">The indexed table.</param>
/// <param name="Name">The index name.</param>
public sealed record DropIndexOperation(QualifiedName Table, string Name) : MigrationOperation
{
    /// <summary>Whether the index is dropped without blocking (PostgreSQL <c>CONCURRENTLY</c>); needs a migration without a transaction.</summary>
    public bool Concurrently { get; init; }

    /// <inheritdoc />
    public override bool RequiresNoTransaction => Concurrently;

    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe() => $"drop index {Name} on {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
