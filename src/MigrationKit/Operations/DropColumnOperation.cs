namespace MigrationKit.Operations;

/// <summary>Drops a column and its data. Irreversible: a migration that drops a column needs an explicit Down.</summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The column name.</param>
public sealed record DropColumnOperation(QualifiedName Table, string Column) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsDestructive => true;

    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe() => $"drop column {Table}.{Column}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
