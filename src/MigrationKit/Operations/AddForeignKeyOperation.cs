namespace MigrationKit.Operations;

/// <summary>Adds a foreign key to an existing table.</summary>
/// <param name="Table">The table.</param>
/// <param name="ForeignKey">The foreign key.</param>
public sealed record AddForeignKeyOperation(QualifiedName Table, ForeignKeyDefinition ForeignKey) : MigrationOperation
{
    /// <summary>
    /// Whether existing rows are left unchecked (PostgreSQL <c>NOT VALID</c>): the constraint is added without a long
    /// lock and checked later with <see cref="ValidateConstraintOperation"/>. New rows are checked at once.
    /// </summary>
    public bool NotValid { get; init; }

    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropForeignKeyOperation(Table, ForeignKey.Name);

    /// <inheritdoc />
    public override string Describe() => $"add foreign key {ForeignKey.Name} to {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
