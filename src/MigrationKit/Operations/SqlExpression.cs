namespace MigrationKit.Operations;

/// <summary>A SQL expression used as a column default, translated per provider where it has a well-known meaning.</summary>
public sealed record SqlExpression
{
    private SqlExpression(string? text) => Text = text;

    /// <summary>The current date and time (SQLite <c>CURRENT_TIMESTAMP</c>, PostgreSQL <c>now()</c>).</summary>
    public static SqlExpression CurrentTimestamp { get; } = new(text: null);

    /// <summary>The expression's verbatim SQL, or <see langword="null"/> for <see cref="CurrentTimestamp"/>.</summary>
    public string? Text { get; }

    /// <summary>An expression written verbatim into the generated SQL.</summary>
    /// <param name="sql">The SQL text of the expression.</param>
    /// <returns>The expression.</returns>
    /// <exception cref="ArgumentException"><paramref name="sql"/> is empty.</exception>
    public static SqlExpression Raw(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return new(sql);
    }

    /// <inheritdoc />
    public override string ToString() => Text ?? "CURRENT_TIMESTAMP";
}
