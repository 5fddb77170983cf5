namespace MigrationKit.Operations;

/// <summary>Adds a primary key to an existing table.</summary>
/// <param name="Table">The table.</param>
/// <param name="PrimaryKey">The primary key.</param>
public sealed record AddPrimaryKeyOperation(QualifiedName Table, PrimaryKeyDefinition PrimaryKey) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropPrimaryKeyOperation(Table, PrimaryKey.Name);

    /// <inheritdoc />
    public override string Describe() => $"add primary key {PrimaryKey.Name} to {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
