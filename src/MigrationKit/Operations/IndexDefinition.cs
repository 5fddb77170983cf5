namespace MigrationKit.Operations;

/// <summary>An index.</summary>
/// <param name="Name">The index name.</param>
/// <param name="Columns">The indexed columns, in order.</param>
public sealed record IndexDefinition(string Name, IReadOnlyList<string> Columns)
{
    /// <summary>Whether the index rejects duplicates.</summary>
    public bool IsUnique { get; init; }

    /// <summary>The SQL predicate of a filtered (partial) index, or <see langword="null"/>.</summary>
    public string? Filter { get; init; }

    /// <summary>SQL expressions indexed after <see cref="IndexDefinition.Columns"/>, such as <c>to_tsvector('english', title)</c>.</summary>
    public IReadOnlyList<string> Expressions { get; init; } = [];

    /// <summary>The index method (<c>btree</c>, <c>gin</c>, <c>gist</c>, <c>brin</c>), or <see langword="null"/> for the provider's default.</summary>
    public string? Method { get; init; }
}
