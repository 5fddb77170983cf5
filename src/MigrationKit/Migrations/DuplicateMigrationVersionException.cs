namespace MigrationKit;

/// <summary>Two or more migrations (classes or SQL files) declare the same version.</summary>
public sealed class DuplicateMigrationVersionException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="duplicates">Each duplicated version with the classes (full names) and SQL files (paths) that declare it.</param>
    public DuplicateMigrationVersionException(IReadOnlyDictionary<long, IReadOnlyList<string>> duplicates)
        : base(BuildMessage(duplicates))
    {
        Duplicates = duplicates;
    }

    /// <summary>Each duplicated version with the classes (full names) and SQL files (paths) that declare it.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<string>> Duplicates { get; }

    private static string BuildMessage(IReadOnlyDictionary<long, IReadOnlyList<string>> duplicates)
    {
        ArgumentNullException.ThrowIfNull(duplicates);
        var lines = duplicates.OrderBy(d => d.Key).Select(d => $"  version {d.Key}: {string.Join(", ", d.Value)}");
        return $"{duplicates.Count} migration version(s) are declared more than once:\n{string.Join('\n', lines)}\nGive each migration a unique version: in its [Migration] attribute for a class, in its V{{version}}__ prefix for a SQL file.";
    }
}
