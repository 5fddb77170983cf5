namespace MigrationKit.Operations;

/// <summary>Adds a check constraint to an existing table.</summary>
/// <param name="Table">The table.</param>
/// <param name="Constraint">The check constraint.</param>
public sealed record AddCheckConstraintOperation(QualifiedName Table, CheckConstraintDefinition Constraint) : MigrationOperation
{
    /// <summary>
    /// Whether existing rows are left unchecked (PostgreSQL <c>NOT VALID</c>): the constraint is added without a long
    /// lock and checked later with <see cref="ValidateConstraintOperation"/>. New rows are checked at once.
    /// </summary>
    public bool NotValid { get; init; }

    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropCheckConstraintOperation(Table, Constraint.Name);

    /// <inheritdoc />
    public override string Describe() => $"add check constraint {Constraint.Name} to {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
