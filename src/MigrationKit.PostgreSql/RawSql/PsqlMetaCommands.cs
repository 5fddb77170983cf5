using System.Text;

namespace MigrationKit.PostgreSql;

/// <summary>
/// Finds psql meta-commands in raw SQL: a line whose first non-blank character is a backslash, outside string
/// literals, quoted identifiers, dollar-quoted bodies and comments. <c>\restrict</c> and <c>\unrestrict</c> lines
/// (pg_dump's guard around a plain-text dump since 15.14 / 16.10 / 17.6, which psql handles without sending anything
/// to the server) become empty lines, so that the server's line numbers stay those of the text; any other
/// meta-command is refused with <see cref="PsqlMetaCommandException"/>.
/// </summary>
internal static class PsqlMetaCommands
{
    /// <summary>The SQL to send for <paramref name="sql"/>: unchanged when it has no meta-command.</summary>
    /// <param name="sql">The raw SQL.</param>
    /// <returns>The SQL without the <c>\restrict</c> / <c>\unrestrict</c> lines.</returns>
    /// <exception cref="PsqlMetaCommandException">Another meta-command is in the text.</exception>
    public static string Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (!sql.Contains('\\', StringComparison.Ordinal))
        {
            return sql;
        }

        StringBuilder? result = null;
        var copied = 0;
        var line = 1;
        var lineStart = true;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\n')
            {
                line++;
                lineStart = true;
                i++;
                continue;
            }

            if (lineStart && char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (lineStart && c == '\\')
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                var command = Command(sql, i, end);
                if (command is not ("\\restrict" or "\\unrestrict"))
                {
                    throw new PsqlMetaCommandException(line, command);
                }

                // Keep the newline: the lines after it keep their numbers.
                result ??= new StringBuilder(sql.Length);
                result.Append(sql, copied, i - copied);
                copied = end;
                i = end;
                continue;
            }

            lineStart = false;
            i = Skip(sql, i, ref line);
        }

        return result is null ? sql : result.Append(sql, copied, sql.Length - copied).ToString();
    }

    /// <summary>The meta-command's name: the backslash and the letters after it (<c>\.</c> for the end of COPY data).</summary>
    private static string Command(string sql, int start, int end)
    {
        var stop = start + 1;
        while (stop < end && char.IsAsciiLetter(sql[stop]))
        {
            stop++;
        }

        if (stop == start + 1 && stop < end && !char.IsWhiteSpace(sql[stop]))
        {
            stop++;
        }

        return sql[start..stop];
    }

    /// <summary>Steps over one token that may hide a line start: a literal, a quoted identifier, a dollar-quoted body or a comment.</summary>
    private static int Skip(string sql, int i, ref int line)
    {
        var c = sql[i];
        var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
        if (c == '-' && next == '-')
        {
            var end = sql.IndexOf('\n', i);
            return end < 0 ? sql.Length : end;
        }

        if (c == '/' && next == '*')
        {
            return SkipBlockComment(sql, i, ref line);
        }

        if (c == '\'')
        {
            var escapes = i > 0 && sql[i - 1] is 'E' or 'e' && (i < 2 || !IsIdentifierPart(sql[i - 2]));
            return SkipQuoted(sql, i, '\'', escapes, ref line);
        }

        if (c == '"')
        {
            return SkipQuoted(sql, i, '"', escapes: false, ref line);
        }

        if (c == '$' && (i == 0 || !IsIdentifierPart(sql[i - 1])) && DollarTag(sql, i) is { } tag)
        {
            var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
            var end = close < 0 ? sql.Length : close + tag.Length;
            line += Lines(sql, i, end);
            return end;
        }

        return i + 1;
    }

    private static int SkipBlockComment(string sql, int i, ref int line)
    {
        var depth = 0;
        var j = i;
        while (j < sql.Length)
        {
            if (sql[j] == '/' && j + 1 < sql.Length && sql[j + 1] == '*')
            {
                depth++;
                j += 2;
            }
            else if (sql[j] == '*' && j + 1 < sql.Length && sql[j + 1] == '/')
            {
                j += 2;
                if (--depth == 0)
                {
                    break;
                }
            }
            else
            {
                j++;
            }
        }

        line += Lines(sql, i, j);
        return j;
    }

    private static int SkipQuoted(string sql, int i, char quote, bool escapes, ref int line)
    {
        var j = i + 1;
        while (j < sql.Length)
        {
            if (escapes && sql[j] == '\\')
            {
                j += 2;
            }
            else if (sql[j] == quote)
            {
                if (j + 1 < sql.Length && sql[j + 1] == quote)
                {
                    j += 2;
                }
                else
                {
                    j++;
                    break;
                }
            }
            else
            {
                j++;
            }
        }

        j = Math.Min(j, sql.Length);
        line += Lines(sql, i, j);
        return j;
    }

    /// <summary>The <c>$tag$</c> opening at <paramref name="i"/>, or <see langword="null"/> (a positional parameter such as <c>$1</c>).</summary>
    private static string? DollarTag(string sql, int i)
    {
        var j = i + 1;
        if (j < sql.Length && char.IsAsciiDigit(sql[j]))
        {
            return null;
        }

        while (j < sql.Length && IsIdentifierPart(sql[j]))
        {
            j++;
        }

        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int Lines(string sql, int start, int end) => sql.AsSpan(start, end - start).Count('\n');
}
