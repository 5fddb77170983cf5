namespace MigrationKit.Operations;

/// <summary>Drops an index. Irreversible without an explicit Down (the definition is not known).</summary>
/// <param name="Table">The indexed table.</param>
/// <param name="Name">The index name.</param>
public sealed record DropIndexOperation(QualifiedName Table, string Name) : MigrationOperation
{
    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe() => $"drop index {Name} on {Table}";
}
