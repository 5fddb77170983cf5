namespace MigrationKit.Operations;

/// <summary>
/// Changes a column's type, nullability or default. Reversible only when the previous definition was given
/// (<see cref="OldColumn"/>).
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Column">The column's new definition (its name names the column).</param>
public sealed record AlterColumnOperation(QualifiedName Table, ColumnDefinition Column) : MigrationOperation
{
    /// <summary>The column's definition before the change, which makes the operation reversible.</summary>
    public ColumnDefinition? OldColumn { get; init; }

    /// <inheritdoc />
    public override MigrationOperation? Invert() =>
        OldColumn is null ? null : new AlterColumnOperation(Table, OldColumn) { OldColumn = Column };

    /// <inheritdoc />
    public override string Describe() => $"alter column {Table}.{Column.Name}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
