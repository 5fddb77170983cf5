using System.Globalization;
using System.Text;

namespace MigrationKit.Specification.Fuzz;

/// <summary>
/// Generates hostile but valid identifiers from a fixed seed: quotes, semicolons, spaces, dashes, backslashes, comment
/// openers (<c>--</c>, <c>/*</c>), injection attempts, reserved words, mixed case, leading digits, and Unicode with
/// combining marks, other scripts and emoji (surrogate pairs). Every identifier is unique without regard to case (SQLite
/// compares ASCII names that way), not blank, never starts with SQLite's reserved <c>sqlite_</c> prefix, and stays
/// within <see cref="MaxBytes"/> UTF-8 bytes so that a derived index name fits PostgreSQL's 63-byte limit.
/// </summary>
internal static class IdentifierGenerator
{
    /// <summary>The longest identifier generated, in UTF-8 bytes.</summary>
    public const int MaxBytes = 58;

    public const int Seed = 2026_11_22;

    private static readonly string[] Words =
    [
        "select", "SELECT", "order", "Order", "table", "TABLE", "from", "where", "drop", "index", "key", "primary", "null",
        "default", "group", "user", "check", "column", "references", "insert", "delete", "values", "begin", "commit", "rollback",
        "items", "Agents", "tasks", "name", "id", "value", "x", "camelCase", "PascalCase", "snake_case", "UPPER",
    ];

    private static readonly string[] Injections =
    [
        "\"; DROP TABLE \"sentinel\"; --", "'); DELETE FROM sentinel; --", "x\" INTEGER); DROP TABLE sentinel; --", "a' OR '1'='1",
        "/* comment */", "-- comment", "*/ end", "\\\"", "\"\"", "''", "`tick`", "[bracket]", "$1", "?", "%s", ":name", "@p",
        ";", "; ;", "a;b", "semi;colon", "back\\slash", "trailing\\", "dash-ed", "--", "/*", "--x", "-", "double--dash",
    ];

    private static readonly string[] Unicode =
    [
        "é", "e\u0301", "a\u0308\u0304", "ß", "Ω", "Ελληνικά", "Кириллица", "中文", "日本語", "한국어", "עברית", "العربية", "हिन्दी",
        "😀", "🧪", "👩‍💻", "🏳️‍🌈", "ﬁ", "İ", "ı", "ǅ", "ⅷ", "∑", "€", "…", "¿", "\u00a0nbsp", "ｆｕｌｌ",
    ];

    private static readonly string[] Symbols = [" ", "  ", "-", "_", "\"", "'", ";", "\\", ".", ",", "(", ")", "=", "+", "*", "#", "!", "~", "|", "&", "<", ">", "{", "}", "^"];

    /// <summary>Generates <paramref name="count"/> identifiers, the same ones for the same count every time.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The identifiers, in generation order.</returns>
    public static IReadOnlyList<string> Generate(int count)
    {
        var random = new Random(Seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var candidate = Compose(random);
            var key = candidate.ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(candidate)
                || Encoding.UTF8.GetByteCount(candidate) > MaxBytes
                || key.StartsWith("sqlite_", StringComparison.Ordinal)
                || key.StartsWith("__migrationkit", StringComparison.Ordinal)
                || key is "sentinel"
                || !seen.Add(key))
            {
                continue;
            }

            result.Add(candidate);
        }

        return result;
    }

    private static string Compose(Random random)
    {
        var builder = new StringBuilder();
        if (random.Next(8) == 0)
        {
            builder.Append(random.Next(1000).ToString(CultureInfo.InvariantCulture));
        }

        var parts = random.Next(1, 5);
        for (var i = 0; i < parts; i++)
        {
            var pool = random.Next(10) switch
            {
                < 3 => Words,
                < 5 => Injections,
                < 7 => Unicode,
                _ => Symbols,
            };
            builder.Append(pool[random.Next(pool.Length)]);
        }

        // A number at the end keeps names unique while the parts repeat.
        if (random.Next(3) == 0)
        {
            builder.Append(random.Next(100).ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
