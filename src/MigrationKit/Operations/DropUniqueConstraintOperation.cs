namespace MigrationKit.Operations;

/// <summary>Drops a unique constraint. Irreversible without an explicit Down (the definition is not known).</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">The constraint name.</param>
public sealed record DropUniqueConstraintOperation(QualifiedName Table, string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe() => $"drop unique constraint {Name} from {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
