namespace MigrationKit.Specification;

/// <summary>
/// An optional capability of an <see cref="ISpecificationTarget"/> whose database limits the length of identifiers
/// (PostgreSQL keeps 63 bytes). The bad-input fixture then checks that longer names are refused with a typed error
/// instead of being silently truncated, and the identifier fuzz keeps its generated names within the limit.
/// </summary>
public interface ISpecificationIdentifierLimit
{
    /// <summary>The longest identifier the database keeps, in UTF-8 bytes.</summary>
    int MaxIdentifierBytes { get; }
}
