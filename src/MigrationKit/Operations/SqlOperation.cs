namespace MigrationKit.Operations;

/// <summary>Raw SQL, with optional per-provider variants. Irreversible: a migration with raw SQL needs an explicit Down.</summary>
/// <param name="Sql">The SQL run by providers that have no variant of their own.</param>
public sealed record SqlOperation(string Sql) : MigrationOperation
{
    /// <summary>Provider-specific variants, keyed by provider name (<c>sqlite</c>, <c>postgresql</c>).</summary>
    public IReadOnlyDictionary<string, string> ProviderSql { get; init; } = new Dictionary<string, string>();

    /// <summary>The SQL for the given provider: its variant if there is one, otherwise <see cref="Sql"/>.</summary>
    /// <param name="providerName">The provider's name.</param>
    /// <returns>The SQL text.</returns>
    public string SqlFor(string providerName) => ProviderSql.TryGetValue(providerName, out var sql) ? sql : Sql;

    /// <inheritdoc />
    public override MigrationOperation? Invert() => null;

    /// <inheritdoc />
    public override string Describe()
    {
        var firstLine = Sql.AsSpan().TrimStart();
        var end = firstLine.IndexOfAny('\r', '\n');
        var text = (end < 0 ? firstLine : firstLine[..end]).ToString();
        return text.Length > 60 ? $"sql \"{text[..60]}…\"" : $"sql \"{text}\"";
    }

    /// <inheritdoc />
    public override TResult Accept<TResult>(IMigrationOperationVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(this);
    }
}
