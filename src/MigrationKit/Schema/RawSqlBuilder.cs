namespace MigrationKit;

/// <summary>Adds per-provider variants to raw SQL declared with <see cref="MigrationBuilder.Sql(string)"/>.</summary>
public sealed class RawSqlBuilder
{
    internal RawSqlBuilder()
    {
    }

    internal Dictionary<string, string> Variants { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs <paramref name="sql"/> instead on the named provider.</summary>
    /// <param name="providerName">The provider's name: <c>sqlite</c> or <c>postgresql</c>.</param>
    /// <param name="sql">The provider's SQL.</param>
    /// <returns>This builder.</returns>
    public RawSqlBuilder For(string providerName, string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        Variants[providerName] = sql;
        return this;
    }
}
