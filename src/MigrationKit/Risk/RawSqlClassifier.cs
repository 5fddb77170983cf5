using System.Text.RegularExpressions;
using MigrationKit.Operations;

namespace MigrationKit.Risk;

/// <summary>
/// A light classifier of raw SQL: it splits on semicolons outside quotes and recognises the common statement forms
/// by their leading keywords. It parses nothing further; whatever it does not recognise is reported as "effect unknown".
/// </summary>
internal static partial class RawSqlClassifier
{
    private const string Name = @"(?<name>(?:""[^""]+""|[\w$]+)(?:\.(?:""[^""]+""|[\w$]+))?)";

    public static IReadOnlyList<RawSqlStatement> Classify(string sql) =>
        Split(sql).Select(Classify1).ToArray();

    private static RawSqlStatement Classify1(string statement)
    {
        Match match;
        if ((match = CreateIndex().Match(statement)).Success)
        {
            return new(match.Groups["concurrently"].Success ? RawSqlKind.Benign : RawSqlKind.CreateIndexBlocking, Parse(match), statement);
        }

        if ((match = DropTable().Match(statement)).Success)
        {
            return new(RawSqlKind.DropTable, Parse(match), statement);
        }

        if ((match = AlterTable().Match(statement)).Success)
        {
            var rest = match.Groups["rest"].Value;
            return new(StoredGenerated().IsMatch(rest) ? RawSqlKind.AddStoredGeneratedColumn : RawSqlKind.AlterTable, Parse(match), statement);
        }

        if ((match = WholeTableWrite().Match(statement)).Success)
        {
            return new(WhereClause().IsMatch(match.Groups["rest"].Value) ? RawSqlKind.Benign : RawSqlKind.WholeTableWrite, Parse(match), statement);
        }

        if (NoLockTimeout().IsMatch(statement))
        {
            return new(RawSqlKind.DisablesLockTimeout, null, statement);
        }

        return new(Benign().IsMatch(statement) ? RawSqlKind.Benign : RawSqlKind.Unknown, null, statement);
    }

    private static QualifiedName Parse(Match match)
    {
        var parts = match.Groups["name"].Value.Split('.');
        static string Unquote(string part) => part.StartsWith('"') ? part[1..^1] : part;
        return parts.Length == 2 ? new QualifiedName(Unquote(parts[1]), Unquote(parts[0])) : new QualifiedName(Unquote(parts[0]));
    }

    /// <summary>The statements of <paramref name="sql"/>: split on semicolons outside quotes, comments dropped, blanks skipped.</summary>
    private static IEnumerable<string> Split(string sql)
    {
        var start = 0;
        var quote = '\0';
        for (var i = 0; i <= sql.Length; i++)
        {
            var c = i < sql.Length ? sql[i] : ';';
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length - 1 : end;
            }
            else if (c == ';')
            {
                var statement = LineComment().Replace(sql[start..Math.Min(i, sql.Length)], " ").Trim();
                if (statement.Length > 0)
                {
                    yield return statement;
                }

                start = i + 1;
            }
        }
    }

    [GeneratedRegex(@"^CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?<concurrently>CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?:(?:""[^""]+""|[\w$]+)\s+)?ON\s+(?:ONLY\s+)?" + Name, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreateIndex();

    [GeneratedRegex(@"^(?:DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?|TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?)" + Name, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DropTable();

    [GeneratedRegex(@"^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?" + Name + @"\s+(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AlterTable();

    [GeneratedRegex(@"GENERATED\s+ALWAYS\s+AS\s*\(.*\)\s*STORED", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex StoredGenerated();

    [GeneratedRegex(@"^(?:UPDATE\s+(?:ONLY\s+)?|DELETE\s+FROM\s+(?:ONLY\s+)?)" + Name + @"(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex WholeTableWrite();

    [GeneratedRegex(@"\bWHERE\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhereClause();

    [GeneratedRegex(@"^SET\s+(?:LOCAL\s+|SESSION\s+)?lock_timeout\s*(?:=|TO)\s*'?0(?:ms|s)?'?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoLockTimeout();

    [GeneratedRegex(@"^(?:CREATE\s+(?:TABLE|(?:OR\s+REPLACE\s+)?(?:VIEW|FUNCTION|PROCEDURE|TRIGGER)|SCHEMA|SEQUENCE|EXTENSION|TYPE|DOMAIN)|INSERT\s+INTO|COMMENT\s+ON|SELECT|GRANT|REVOKE|ANALYZE|SET\s|PRAGMA|DROP\s+(?:VIEW|FUNCTION|PROCEDURE|TRIGGER|SEQUENCE|TYPE))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Benign();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();
}
