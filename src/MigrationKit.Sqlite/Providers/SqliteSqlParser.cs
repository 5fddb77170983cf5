using System.Text;

namespace MigrationKit.Sqlite;

/// <summary>
/// A small tokenizer and the few parses the schema reader needs from stored <c>CREATE</c> statements. It understands
/// quoting (<c>"…"</c>, <c>'…'</c>, <c>`…`</c>, <c>[…]</c>), comments and nested parentheses, which is all it takes to
/// split a table body at its top-level commas; it is not a SQL parser.
/// </summary>
internal static class SqliteSqlParser
{
    /// <summary>Splits SQL text into tokens, skipping whitespace and comments.</summary>
    /// <param name="sql">The text.</param>
    /// <returns>The tokens, in order.</returns>
    public static List<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && next == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (c == '/' && next == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else if (c == '\'')
            {
                tokens.Add(Quoted(sql, ref i, SqlTokenKind.String, '\''));
            }
            else if (c is '"' or '`')
            {
                tokens.Add(Quoted(sql, ref i, SqlTokenKind.QuotedName, c));
            }
            else if (c == '[')
            {
                var end = sql.IndexOf(']', i + 1);
                end = end < 0 ? sql.Length : end;
                tokens.Add(new SqlToken(SqlTokenKind.QuotedName, sql[(i + 1)..end], i, Math.Min(end + 1, sql.Length)));
                i = end + 1;
            }
            else if (c is 'x' or 'X' && next == '\'')
            {
                var start = i++;
                tokens.Add(Quoted(sql, ref i, SqlTokenKind.Blob, '\'') with { Start = start });
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)))
            {
                var start = i;
                while (i < sql.Length && (IsWordChar(sql[i]) || sql[i] == '.' || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E' && !sql[start..i].StartsWith("0x", StringComparison.OrdinalIgnoreCase))))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], start, i));
            }
            else if (IsWordChar(c))
            {
                var start = i;
                while (i < sql.Length && IsWordChar(sql[i]))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], start, i));
            }
            else
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), i, i + 1));
                i++;
            }
        }

        return tokens;
    }

    /// <summary>Reads the names, check expressions, defaults and <c>AUTOINCREMENT</c> markers out of a <c>CREATE TABLE</c> statement.</summary>
    /// <param name="sql">The statement, as <c>sqlite_schema</c> stores it.</param>
    /// <returns>What it declares.</returns>
    public static SqliteTableDefinition ParseTable(string sql)
    {
        var definition = new SqliteTableDefinition();
        var tokens = Tokenize(sql);
        var open = tokens.FindIndex(t => t.Is('('));
        if (open < 0)
        {
            return definition;
        }

        foreach (var (from, to) in Split(tokens, open + 1, Close(tokens, open)))
        {
            var first = tokens[from];
            if (first.Is("CONSTRAINT") || first.Is("PRIMARY") || first.Is("UNIQUE") || first.Is("CHECK") || first.Is("FOREIGN"))
            {
                ParseTableConstraint(sql, tokens, from, to, definition);
            }
            else
            {
                ParseColumn(sql, tokens, from, to, definition);
            }
        }

        return definition;
    }

    /// <summary>Reads the indexed items (verbatim) and the partial-index predicate out of a <c>CREATE INDEX</c> statement.</summary>
    /// <param name="sql">The statement, as <c>sqlite_schema</c> stores it.</param>
    /// <returns>The items and the <c>WHERE</c> predicate, or <see langword="null"/> for a full index.</returns>
    public static (IReadOnlyList<string> Items, string? Filter) ParseIndex(string sql)
    {
        var tokens = Tokenize(sql);
        var open = tokens.FindIndex(t => t.Is('('));
        if (open < 0)
        {
            return ([], null);
        }

        var close = Close(tokens, open);
        var items = Split(tokens, open + 1, close).Select(r => sql[tokens[r.From].Start..tokens[r.To - 1].End]).ToArray();
        var filter = close + 1 < tokens.Count && tokens[close + 1].Is("WHERE") ? sql[tokens[close + 1].End..].Trim() : null;
        return (items, filter);
    }

    /// <summary>Splits an indexed item into the key and what follows it: <c>COLLATE name</c> and <c>ASC</c> / <c>DESC</c>, verbatim.</summary>
    /// <param name="item">The item, such as <c>name COLLATE NOCASE DESC</c>.</param>
    /// <returns>The key (<c>name</c>) and its options (<c>COLLATE NOCASE DESC</c>, or empty).</returns>
    public static (string Key, string Options) SplitIndexKey(string item)
    {
        var tokens = Tokenize(item);
        var end = tokens.Count;
        if (end > 1 && (tokens[end - 1].Is("ASC") || tokens[end - 1].Is("DESC")))
        {
            end--;
        }

        if (end > 2 && tokens[end - 2].Is("COLLATE"))
        {
            end -= 2;
        }

        return end == tokens.Count || end == 0
            ? (item.Trim(), string.Empty)
            : (item[..tokens[end - 1].End].Trim(), item[tokens[end].Start..].Trim());
    }

    /// <summary>Removes one pair of parentheses that encloses the whole text, if there is one.</summary>
    /// <param name="sql">The text, such as an index key <c>(lower(name))</c>.</param>
    /// <returns>The text inside the parentheses, or the text unchanged.</returns>
    public static string Unwrap(string sql)
    {
        var tokens = Tokenize(sql);
        return tokens.Count >= 2 && tokens[0].Is('(') && Close(tokens, 0) == tokens.Count - 1
            ? sql[tokens[0].End..tokens[^1].Start].Trim()
            : sql.Trim();
    }

    /// <summary>Whether SQL text names <paramref name="name"/> (quoted or not, in any case) outside string literals.</summary>
    /// <param name="sql">The text, such as a check expression.</param>
    /// <param name="name">The identifier.</param>
    /// <returns><see langword="true"/> when some token is that identifier; may over-report, never under-reports.</returns>
    public static bool Mentions(string sql, string name) =>
        Tokenize(sql).Exists(t => t.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName && t.Value.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static void ParseTableConstraint(string sql, List<SqlToken> tokens, int from, int to, SqliteTableDefinition definition)
    {
        string? name = null;
        var i = from;
        if (tokens[i].Is("CONSTRAINT") && i + 1 < to)
        {
            name = tokens[i + 1].Value;
            i += 2;
        }

        if (i >= to)
        {
            return;
        }

        var kind = tokens[i];
        if (kind.Is("PRIMARY"))
        {
            definition.PrimaryKeyName = name;
        }
        else if (kind.Is("UNIQUE"))
        {
            definition.UniqueConstraints.Add(new SqliteParsedConstraint(name, Names(tokens, i, to)));
        }
        else if (kind.Is("CHECK"))
        {
            definition.CheckConstraints.Add(new SqliteParsedConstraint(name, [], Expression: Group(sql, tokens, i, to)));
        }
        else if (kind.Is("FOREIGN"))
        {
            var references = tokens.FindIndex(i, to - i, t => t.Is("REFERENCES"));
            if (references >= 0 && references + 1 < to)
            {
                definition.ForeignKeys.Add(new SqliteParsedConstraint(name, Names(tokens, i, references), tokens[references + 1].Value));
            }
        }
    }

    private static void ParseColumn(string sql, List<SqlToken> tokens, int from, int to, SqliteTableDefinition definition)
    {
        var column = tokens[from].Value;
        string? name = null;
        for (var i = from + 1; i < to; i++)
        {
            var token = tokens[i];
            if (token.Is('('))
            {
                // Type arguments such as VARCHAR(10), a REFERENCES column list, a generated column's expression.
                i = Close(tokens, i);
            }
            else if (token.Is("CONSTRAINT") && i + 1 < to)
            {
                name = tokens[++i].Value;
            }
            else if (token.Is("PRIMARY"))
            {
                definition.PrimaryKeyName = name;
                name = null;
            }
            else if (token.Is("AUTOINCREMENT"))
            {
                definition.AutoincrementColumns.Add(column);
            }
            else if (token.Is("UNIQUE"))
            {
                definition.UniqueConstraints.Add(new SqliteParsedConstraint(name, [column]));
                name = null;
            }
            else if (token.Is("CHECK"))
            {
                definition.CheckConstraints.Add(new SqliteParsedConstraint(name, [], Expression: Group(sql, tokens, i, to)));
                name = null;
                i = i + 1 < to && tokens[i + 1].Is('(') ? Close(tokens, i + 1) : i;
            }
            else if (token.Is("REFERENCES") && i + 1 < to)
            {
                definition.ForeignKeys.Add(new SqliteParsedConstraint(name, [column], tokens[++i].Value));
                name = null;
            }
            else if (token.Is("DEFAULT") && i + 1 < to && !tokens[i - 1].Is("SET"))
            {
                var first = tokens[++i];
                if (first.Is('('))
                {
                    i = Math.Min(Close(tokens, i), to - 1);
                }
                else if ((first.Is('-') || first.Is('+')) && i + 1 < to)
                {
                    i++;
                }

                definition.Defaults[column] = sql[first.Start..tokens[i].End];
                name = null;
            }
            else if (token.Is("NOT") || token.Is("NULL") || token.Is("COLLATE") || token.Is("GENERATED") || token.Is("AS"))
            {
                name = null;
            }
        }
    }

    /// <summary>The names in the first parenthesized list at or after <paramref name="from"/>, each item's first token.</summary>
    private static string[] Names(List<SqlToken> tokens, int from, int to)
    {
        var open = tokens.FindIndex(from, to - from, t => t.Is('('));
        return open < 0 ? [] : Split(tokens, open + 1, Close(tokens, open)).Select(r => tokens[r.From].Value).ToArray();
    }

    /// <summary>The text inside the first parenthesized group at or after <paramref name="from"/>, verbatim and trimmed.</summary>
    private static string? Group(string sql, List<SqlToken> tokens, int from, int to)
    {
        var open = tokens.FindIndex(from, to - from, t => t.Is('('));
        if (open < 0)
        {
            return null;
        }

        var close = Close(tokens, open);
        var end = close < tokens.Count ? tokens[close].Start : sql.Length;
        return sql[tokens[open].End..end].Trim();
    }

    /// <summary>The index of the parenthesis that closes the one at <paramref name="open"/>, or the token count if none does.</summary>
    internal static int Close(List<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Is('('))
            {
                depth++;
            }
            else if (tokens[i].Is(')') && --depth == 0)
            {
                return i;
            }
        }

        return tokens.Count;
    }

    /// <summary>The non-empty token ranges between top-level commas in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    internal static List<(int From, int To)> Split(List<SqlToken> tokens, int from, int to)
    {
        var ranges = new List<(int From, int To)>();
        var depth = 0;
        var start = from;
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Is('('))
            {
                depth++;
            }
            else if (tokens[i].Is(')'))
            {
                depth--;
            }
            else if (tokens[i].Is(',') && depth == 0)
            {
                if (i > start)
                {
                    ranges.Add((start, i));
                }

                start = i + 1;
            }
        }

        if (to > start)
        {
            ranges.Add((start, to));
        }

        return ranges;
    }

    private static SqlToken Quoted(string sql, ref int i, SqlTokenKind kind, char quote)
    {
        var start = i++;
        var value = new StringBuilder();
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    value.Append(quote);
                    i += 2;
                    continue;
                }

                i++;
                break;
            }

            value.Append(sql[i++]);
        }

        return new SqlToken(kind, value.ToString(), start, i);
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' || c > '\u007f';
}
