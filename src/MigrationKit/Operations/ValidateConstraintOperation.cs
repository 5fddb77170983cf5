namespace MigrationKit.Operations;

/// <summary>Checks the existing rows against a constraint added with <c>NOT VALID</c>. Providers without the concept do nothing.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">The constraint name.</param>
public sealed record ValidateConstraintOperation(QualifiedName Table, string Name) : MigrationOperation
{
    /// <summary>Validation changes no schema and is idempotent, so its inverse is itself: Down has nothing to undo.</summary>
    /// <returns>This operation.</returns>
    public override MigrationOperation Invert() => this;

    /// <inheritdoc />
    public override string Describe() => $"validate constraint {Name} on {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
