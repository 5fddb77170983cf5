namespace MigrationKit;

/// <summary>Refines an index declared with <see cref="MigrationBuilder.CreateIndex(string, string[])"/>.</summary>
public sealed class IndexBuilder
{
    internal IndexBuilder()
    {
    }

    internal string? Name { get; private set; }

    internal bool IsUnique { get; private set; }

    internal string? Filter { get; private set; }

    /// <summary>Rejects duplicate keys.</summary>
    /// <returns>This builder.</returns>
    public IndexBuilder Unique()
    {
        IsUnique = true;
        return this;
    }

    /// <summary>Indexes only the rows matching a SQL predicate (a partial index).</summary>
    /// <param name="predicate">The SQL predicate, such as <c>deleted_at IS NULL</c>.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Where(string predicate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(predicate);
        Filter = predicate;
        return this;
    }

    /// <summary>Names the index explicitly instead of using the naming convention.</summary>
    /// <param name="name">The index name.</param>
    /// <returns>This builder.</returns>
    public IndexBuilder Named(string name)
    {
        Name = Identifier.Check(name, nameof(name));
        return this;
    }
}
