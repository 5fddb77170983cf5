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

    public static IReadOnlyList<string> CheckAll(IReadOnlyList<string>? names, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(names, parameterName);
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one column is required.", parameterName);
        }

        foreach (var name in names)
        {
            Check(name, parameterName);
        }

        return names.ToArray();
    }
}
