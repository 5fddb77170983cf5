namespace MigrationKit.Operations;

/// <summary>Creates a schema (namespace) when it does not exist yet.</summary>
/// <param name="Name">The schema name.</param>
public sealed record CreateSchemaOperation(string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation Invert() => new DropSchemaOperation(Name);

    /// <inheritdoc />
    public override string Describe() => $"create schema {Name}";

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
