namespace MigrationKit.Operations;

/// <summary>Adds a unique constraint to an existing table.</summary>
/// <param name="Table">The table.</param>
/// <param name="Constraint">The unique constraint.</param>
public sealed record AddUniqueConstraintOperation(QualifiedName Table, UniqueConstraintDefinition Constraint) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropUniqueConstraintOperation(Table, Constraint.Name);

    /// <inheritdoc />
    public override string Describe() => $"add unique constraint {Constraint.Name} to {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
