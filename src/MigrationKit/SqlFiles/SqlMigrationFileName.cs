using System.Globalization;

namespace MigrationKit.SqlFiles;

/// <summary>
/// The parts of a SQL migration file name: <c>V{version}__{description}.sql</c>, <c>U{version}__{description}.sql</c>
/// or <c>R__{name}.sql</c>. The version is a positive whole number (a timestamp such as <c>202611221030</c> by
/// convention); the description's underscores become spaces.
/// </summary>
/// <param name="Kind">Versioned, undo or repeatable.</param>
/// <param name="Version">The version; 0 for a repeatable file.</param>
/// <param name="Name">The part after <c>__</c>, without <c>.sql</c>: a repeatable's identity in the bookkeeping.</param>
internal sealed record SqlMigrationFileName(SqlMigrationKind Kind, long Version, string Name)
{
    public const string Extension = ".sql";

    /// <summary>What every problem message ends with: the naming rules with an example.</summary>
    public const string Rules = "Name versioned files V{version}__{description}.sql (for example V202611221030__create_agents.sql), their Down U{version}__{description}.sql with the same version, and repeatable files R__{name}.sql.";

    /// <summary>The description: the name with underscores as spaces.</summary>
    public string Description => Name.Replace('_', ' ').Trim();

    /// <summary>Parses a file name (without directory); on failure, <paramref name="problem"/> says what is wrong and how to name it.</summary>
    public static SqlMigrationFileName? Parse(string fileName, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        problem = null;
        if (!fileName.EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{fileName}' does not end with {Extension}. {Rules}";
            return null;
        }

        var stem = fileName[..^Extension.Length];
        var separator = stem.IndexOf("__", StringComparison.Ordinal);
        if (stem.Length == 0 || separator < 0)
        {
            problem = $"the name '{fileName}' has no '__' between its prefix and its description. {Rules}";
            return null;
        }

        var prefix = stem[..separator];
        var name = stem[(separator + 2)..];
        if (name.Replace('_', ' ').Trim().Length == 0)
        {
            problem = $"the name '{fileName}' has no description after '__'. {Rules}";
            return null;
        }

        var kind = prefix[0] switch
        {
            'V' => SqlMigrationKind.Versioned,
            'U' => SqlMigrationKind.Undo,
            'R' => SqlMigrationKind.Repeatable,
            _ => (SqlMigrationKind?)null,
        };
        if (kind is null)
        {
            problem = $"the name '{fileName}' starts with '{prefix[0]}', not V, U or R (upper case). {Rules}";
            return null;
        }

        if (kind == SqlMigrationKind.Repeatable)
        {
            if (prefix.Length != 1)
            {
                problem = $"the repeatable file '{fileName}' has a version; repeatable files have none. Rename it R__{name}.sql, or V{prefix[1..]}__{name}.sql if it should run once.";
                return null;
            }

            return new SqlMigrationFileName(SqlMigrationKind.Repeatable, 0, name);
        }

        var digits = prefix[1..];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
        {
            problem = $"the name '{fileName}' has the version '{digits}'; a version is a positive whole number of digits only (no dots or separators). {Rules}";
            return null;
        }

        return new SqlMigrationFileName(kind.Value, version, name);
    }
}
