namespace MigrationKit.Operations;

/// <summary>Adds a column to a table.</summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The new column.</param>
public sealed record AddColumnOperation(QualifiedName Table, ColumnDefinition Column) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropColumnOperation(Table, Column.Name);

    /// <inheritdoc />
    public override string Describe() => $"add column {Table}.{Column.Name}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
