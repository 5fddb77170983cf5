namespace MigrationKit.Operations;

/// <summary>Sets column values on the rows whose key columns equal the given values. Irreversible without an explicit Down.</summary>
/// <param name="Table">The table.</param>
/// <param name="KeyColumns">The columns compared.</param>
/// <param name="KeyValues">The values the key columns must equal.</param>
/// <param name="Columns">The columns set.</param>
/// <param name="Values">The new values, one per column.</param>
public sealed record UpdateDataOperation(QualifiedName Table, IReadOnlyList<string> KeyColumns, IReadOnlyList<object?> KeyValues, IReadOnlyList<string> Columns, IReadOnlyList<object?> Values) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe() => $"update rows of {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
