namespace MigrationKit;

/// <summary>
/// A repeatable SQL-file migration (<c>R__{name}.sql</c>) failed. The versioned migrations of the run stay applied;
/// the repeatable's checksum is not recorded, so the next run up tries it again. The driver's exception is the
/// <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class RepeatableMigrationFailedException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="name">The repeatable's name (after <c>R__</c>).</param>
    /// <param name="path">The file's path or resource name.</param>
    /// <param name="statement">The statement that failed, if one did.</param>
    /// <param name="transactional">Whether it ran in a transaction (and so left nothing behind).</param>
    /// <param name="innerException">The cause.</param>
    public RepeatableMigrationFailedException(string name, string path, string? statement, bool transactional, Exception innerException)
        : base(BuildMessage(path, statement, transactional, innerException), innerException)
    {
        Name = name;
        Path = path;
        Statement = statement;
        Transactional = transactional;
    }

    /// <summary>The repeatable's name (after <c>R__</c>).</summary>
    public string Name { get; }

    /// <summary>The file's path or resource name.</summary>
    public string Path { get; }

    /// <summary>The statement that failed, if one did.</summary>
    public string? Statement { get; }

    /// <summary>Whether it ran in a transaction, so that nothing of it remains.</summary>
    public bool Transactional { get; }

    private static string BuildMessage(string path, string? statement, bool transactional, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var at = statement is null ? string.Empty : $" at statement:\n  {statement}\n";
        var outcome = transactional
            ? "Its transaction was rolled back; the versioned migrations of the run stay applied."
            : "It ran without a transaction, so part of it may be applied; the versioned migrations of the run stay applied.";
        return $"Repeatable migration {path} failed{at}: {inner.Message}\n{outcome} Fix the file (a repeatable must be safe to run again, for example CREATE OR REPLACE VIEW) and run again: it is re-applied because its checksum was not recorded.";
    }
}
