using System.Globalization;

namespace MigrationKit.PostgreSql;

/// <summary>
/// Normalizes a column default as <c>pg_get_expr</c> shows it to the text the SQL generator writes: PostgreSQL labels a
/// constant with its type (<c>'idle'::character varying</c>, <c>'-1'::integer</c>), the generator does not.
/// </summary>
internal static class PostgreSqlDefaultExpression
{
    private static readonly string[] NumericTypes = ["smallint", "integer", "bigint", "numeric", "real", "double precision"];

    /// <summary>
    /// Strips the type label from a lone constant: <c>'idle'::character varying</c> becomes <c>'idle'</c>, and a signed
    /// number PostgreSQL quotes (<c>'-1'::integer</c>) becomes <c>-1</c>. Any other expression is returned unchanged.
    /// </summary>
    /// <param name="expression">The default as <c>pg_get_expr</c> returns it.</param>
    /// <returns>The normalized default.</returns>
    public static string Normalize(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Length < 2 || expression[0] != '\'')
        {
            return expression;
        }

        var end = EndOfLiteral(expression);
        if (end < 0 || end == expression.Length)
        {
            return expression;
        }

        var rest = expression.AsSpan(end);
        if (!rest.StartsWith("::", StringComparison.Ordinal))
        {
            return expression;
        }

        var type = rest[2..].ToString();
        if (!IsTypeName(type))
        {
            return expression;
        }

        var literal = expression[..end];
        var content = literal[1..^1];
        var baseType = type.Split('(')[0].Trim();
        if (NumericTypes.Contains(baseType, StringComparer.Ordinal)
            && decimal.TryParse(content, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            return content;
        }

        return literal;
    }

    /// <summary>The index just after the closing quote of the literal starting at 0, or -1.</summary>
    private static int EndOfLiteral(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != '\'')
            {
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                i++;
                continue;
            }

            return i + 1;
        }

        return -1;
    }

    /// <summary>Whether the text after <c>::</c> is a bare type name such as <c>character varying</c> or <c>numeric(10,2)</c>.</summary>
    private static bool IsTypeName(string type) =>
        type.Length > 0 && type.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '_' or '(' or ')' or ',' or '"' or '.' or '[' or ']');
}
