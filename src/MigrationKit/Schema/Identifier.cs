namespace MigrationKit;

/// <summary>Validates identifiers at the point a migration declares them, so mistakes name the parameter.</summary>
internal static class Identifier
{
    public static string Check(string? name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The identifier '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character, which no database accepts in a name. Remove it.", parameterName);
        }

        return name;
    }

    public static string? CheckOptional(string? name, string parameterName) => name is null ? null : Check(name, parameterName);

    /// <param name="names">The column names.</param>
    /// <param name="parameterName">The parameter they came from.</param>
    /// <param name="owner">What the columns belong to, for the message, such as <c>the index on table 'items'</c>.</param>
    public static IReadOnlyList<string> CheckAll(IReadOnlyList<string>? names, string parameterName, string owner)
    {
        ArgumentNullException.ThrowIfNull(names, parameterName);
        if (names.Count == 0)
        {
            throw new ArgumentException($"No column was given for {owner}; at least one is required. Name the column(s) it covers.", parameterName);
        }

        foreach (var name in names)
        {
            Check(name, parameterName);
        }

        return names.ToArray();
    }
}
