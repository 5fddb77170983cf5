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

    /// <summary>
    /// What follows each key, in key order (<see cref="Columns"/>, then <see cref="Expressions"/>): its collation and
    /// direction as written, such as <c>COLLATE NOCASE DESC</c>, or an empty string; an empty list when no key has any.
    /// </summary>
    public IReadOnlyList<string> KeyOptions { get; init; } = [];

    /// <summary>
    /// The statement that created the index, as the database keeps it, when the index was read from a database (SQLite
    /// recreates an index from it verbatim after a table rebuild); <see langword="null"/> otherwise. Ignored in a
    /// migration's operations and not compared.
    /// </summary>
    public string? Definition { get; init; }
}
