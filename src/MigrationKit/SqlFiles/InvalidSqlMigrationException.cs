namespace MigrationKit;

/// <summary>
/// SQL-file migrations that cannot be used: a missing directory, a file name that does not parse, an empty file, a
/// Down (<c>U</c>) file without its versioned (<c>V</c>) file, two files for one repeatable, an unknown header
/// directive. Thrown when the runner is built, before any database is touched; the message lists every problem with
/// its file and what to do.
/// </summary>
public sealed class InvalidSqlMigrationException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Each problem: the file (or directory) it is about and what is wrong with the remedy.</param>
    public InvalidSqlMigrationException(IReadOnlyList<KeyValuePair<string, string>> problems)
        : base(BuildMessage(problems))
    {
        Paths = problems.Select(p => p.Key).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The files, directories or resources with a problem, in the order reported.</summary>
    public IReadOnlyList<string> Paths { get; }

    private static string BuildMessage(IReadOnlyList<KeyValuePair<string, string>> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"SQL migration {problems[0].Key}: {problems[0].Value}"
            : $"{problems.Count} SQL migration files cannot be used:\n{string.Join('\n', problems.Select(p => $"  - {p.Key}: {p.Value}"))}";
    }
}
