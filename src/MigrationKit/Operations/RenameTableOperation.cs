namespace MigrationKit.Operations;

/// <summary>Renames a table within its schema.</summary>
/// <param name="Table">The table.</param>
/// <param name="NewName">The new name.</param>
public sealed record RenameTableOperation(QualifiedName Table, string NewName) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new RenameTableOperation(Table with { Name = NewName }, Table.Name);

    /// <inheritdoc />
    public override string Describe() => $"rename table {Table} to {NewName}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
