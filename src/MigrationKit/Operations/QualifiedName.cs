namespace MigrationKit.Operations;

/// <summary>The name of a database object, optionally qualified by its schema.</summary>
/// <param name="Name">The object's name, exactly as it is created (identifiers are always quoted).</param>
/// <param name="Schema">The schema that holds it, or <see langword="null"/> for the provider's default.</param>
public sealed record QualifiedName(string Name, string? Schema = null)
{
    /// <inheritdoc />
    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";
}
