using System.Text;

namespace MigrationKit.SqlFiles;

/// <summary>
/// Splits a SQL script at the semicolons that end statements, skipping those inside quoted strings and identifiers,
/// <c>--</c> and <c>/* */</c> comments (nested, as PostgreSQL allows) and PostgreSQL dollar-quoted bodies. Statements
/// that hold only comments and whitespace are dropped. Used for files that run outside a transaction, whose statements
/// must reach the server one by one (a multi-statement command is one implicit transaction on PostgreSQL), and to
/// tell an empty file. It does not know SQLite's <c>BEGIN … END</c> trigger bodies: keep triggers in files that run in
/// a transaction, which are sent whole.
/// </summary>
internal static class SqlStatementSplitter
{
    public static IReadOnlyList<string> Split(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var statements = new List<string>();
        var current = new StringBuilder();
        var hasCode = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            int end;
            if (c == '-' && next == '-')
            {
                end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
            }
            else if (c == '/' && next == '*')
            {
                end = BlockCommentEnd(sql, i);
            }
            else if (c is '\'' or '"' or '`')
            {
                end = QuotedEnd(sql, i, c);
                hasCode = true;
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = close < 0 ? sql.Length : close + tag.Length;
                hasCode = true;
            }
            else if (c == ';')
            {
                Flush(statements, current, hasCode);
                current.Clear();
                hasCode = false;
                i++;
                continue;
            }
            else
            {
                end = i + 1;
                hasCode |= !char.IsWhiteSpace(c) && c != '\uFEFF';
            }

            current.Append(sql, i, end - i);
            i = end;
        }

        Flush(statements, current, hasCode);
        return statements;
    }

    private static void Flush(List<string> statements, StringBuilder current, bool hasCode)
    {
        if (hasCode)
        {
            statements.Add(current.ToString().Trim().TrimStart('\uFEFF'));
        }
    }

    private static int BlockCommentEnd(string sql, int start)
    {
        var depth = 0;
        var i = start;
        while (i < sql.Length - 1)
        {
            if (sql[i] == '/' && sql[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && sql[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static int QuotedEnd(string sql, int start, char quote)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                // A doubled quote is an escaped quote, inside the string.
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return sql.Length;
    }

    // $$ or $tag$ where tag is an identifier that does not start with a digit ($1 is a parameter, not a quote).
    private static string? DollarTag(string sql, int start)
    {
        var i = start + 1;
        if (i < sql.Length && char.IsAsciiDigit(sql[i]))
        {
            return null;
        }

        while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
        {
            i++;
        }

        return i < sql.Length && sql[i] == '$' ? sql[start..(i + 1)] : null;
    }
}
