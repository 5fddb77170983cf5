namespace MigrationKit.Data.Moves;

/// <summary>A data move's description is incomplete or does not fit the databases; nothing was moved.</summary>
public sealed class DataMoveDefinitionException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="moveName">The move.</param>
    /// <param name="problems">Every problem found.</param>
    public DataMoveDefinitionException(string moveName, IReadOnlyList<string> problems)
        : base(Format(moveName, problems))
    {
        MoveName = moveName;
        Problems = problems;
    }

    /// <summary>The move.</summary>
    public string MoveName { get; }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string moveName, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"Data move '{moveName}' cannot run: {string.Join("; ", problems)}. Nothing was moved; fix the description and run it again.";
    }
}
