namespace MigrationKit.Sqlite;

/// <summary>One token of SQL text, with its position so that callers can cut the original text out verbatim.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Value">The token's value: unquoted for identifiers and strings, as written otherwise.</param>
/// <param name="Start">The offset of its first character.</param>
/// <param name="End">The offset just after its last character.</param>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Value, int Start, int End)
{
    /// <summary>Whether the token can name something: a bare word, a quoted identifier, or a string (SQLite accepts <c>'name'</c> there).</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName or SqlTokenKind.String;

    /// <summary>Whether the token is the bare keyword <paramref name="keyword"/>, in any case.</summary>
    /// <param name="keyword">The keyword, in upper case.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && Value.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the token is the symbol <paramref name="symbol"/>.</summary>
    /// <param name="symbol">The symbol.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Is(char symbol) => Kind == SqlTokenKind.Symbol && Value[0] == symbol;
}
