namespace MigrationKit.Operations;

/// <summary>Renames a column.</summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The current column name.</param>
/// <param name="NewName">The new name.</param>
public sealed record RenameColumnOperation(QualifiedName Table, string Column, string NewName) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new RenameColumnOperation(Table, NewName, Column);

    /// <inheritdoc />
    public override string Describe() => $"rename column {Table}.{Column} to {NewName}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
