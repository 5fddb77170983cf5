namespace MigrationKit.Operations;

/// <summary>Creates a table with its columns and table-level constraints.</summary>
/// <param name="Table">The table.</param>
/// <param name="Columns">The columns, in order.</param>
public sealed record CreateTableOperation(QualifiedName Table, IReadOnlyList<ColumnDefinition> Columns) : MigrationOperation
{
    /// <summary>The primary key, if any.</summary>
    public PrimaryKeyDefinition? PrimaryKey { get; init; }

    /// <summary>The unique constraints.</summary>
    public IReadOnlyList<UniqueConstraintDefinition> UniqueConstraints { get; init; } = [];

    /// <summary>The foreign keys.</summary>
    public IReadOnlyList<ForeignKeyDefinition> ForeignKeys { get; init; } = [];

    /// <summary>The check constraints.</summary>
    public IReadOnlyList<CheckConstraintDefinition> CheckConstraints { get; init; } = [];

    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropTableOperation(Table);

    /// <inheritdoc />
    public override string Describe() => $"create table {Table}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
