namespace MigrationKit.Operations;

/// <summary>Drops an empty schema.</summary>
/// <param name="Name">The schema name.</param>
public sealed record DropSchemaOperation(string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override bool IsDestructive => true;

    /// <inheritdoc />
    public override MigrationOperation? Invert() => new CreateSchemaOperation(Name);

    /// <inheritdoc />
    public override string Describe() => $"drop schema {Name}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
