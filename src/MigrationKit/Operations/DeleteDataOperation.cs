namespace MigrationKit.Operations;

/// <summary>Deletes the rows whose key columns equal the given values. Irreversible without an explicit Down.</summary>
/// <param name="Table">The table.</param>
/// <param name="KeyColumns">The columns compared.</param>
/// <param name="KeyValues">One list of values per row to delete, one value per key column.</param>
public sealed record DeleteDataOperation(QualifiedName Table, IReadOnlyList<string> KeyColumns, IReadOnlyList<IReadOnlyList<object?>> KeyValues) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsDestructive => true;

    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe() => $"delete {KeyValues.Count} row(s) from {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
