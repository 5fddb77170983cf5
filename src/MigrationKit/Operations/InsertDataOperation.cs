namespace MigrationKit.Operations;

/// <summary>Inserts rows. Reversed by deleting rows that match every inserted value.</summary>
/// <param name="Table">The table.</param>
/// <param name="Columns">The columns given a value.</param>
/// <param name="Rows">The rows, each with one value per column.</param>
public sealed record InsertDataOperation(QualifiedName Table, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new DeleteDataOperation(Table, Columns, Rows);

    /// <inheritdoc />
    public override string Describe() => $"insert {Rows.Count} row(s) into {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
