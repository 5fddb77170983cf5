namespace MigrationKit.Operations;

/// <summary>Drops a table and its rows. Irreversible: a migration that drops a table needs an explicit Down.</summary>
/// <param name="Table">The table.</param>
public sealed record DropTableOperation(QualifiedName Table) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsDestructive => true;

    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe() => $"drop table {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
