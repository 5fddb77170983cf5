namespace MigrationKit.Sqlite;

/// <summary>What a <see cref="SqlToken"/> is.</summary>
internal enum SqlTokenKind
{
    /// <summary>A bare word: a keyword or an unquoted identifier.</summary>
    Word,

    /// <summary>An identifier in <c>"…"</c>, <c>`…`</c> or <c>[…]</c>.</summary>
    QuotedName,

    /// <summary>A string literal in <c>'…'</c>.</summary>
    String,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>A blob literal, <c>X'…'</c>.</summary>
    Blob,

    /// <summary>Any other single character: parentheses, commas, operators.</summary>
    Symbol,
}
