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

    internal string? Method { get; private set; }

    internal bool IsConcurrent { get; private set; }

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

    /// <summary>Uses an index method other than the default, such as <c>gin</c> for full-text search (PostgreSQL).</summary>
    /// <param name="method">The method: <c>btree</c>, <c>hash</c>, <c>gin</c>, <c>gist</c>, <c>brin</c> or <c>spgist</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The method is not one of those.</exception>
    public IndexBuilder Using(string method)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var normalized = method.Trim().ToLowerInvariant();
        if (normalized is not ("btree" or "hash" or "gin" or "gist" or "brin" or "spgist"))
        {
            throw new ArgumentException($"'{method}' is not an index method; use btree, hash, gin, gist, brin or spgist.", nameof(method));
        }

        Method = normalized;
        return this;
    }

    /// <summary>
    /// Builds the index without blocking writes (PostgreSQL <c>CREATE INDEX CONCURRENTLY</c>). The migration must run
    /// without a transaction: mark it <c>Transaction = MigrationTransactionMode.None</c>.
    /// </summary>
    /// <returns>This builder.</returns>
    public IndexBuilder Concurrently()
    {
        IsConcurrent = true;
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
