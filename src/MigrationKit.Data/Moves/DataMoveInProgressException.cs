namespace MigrationKit.Data.Moves;

/// <summary>
/// A data move was started while another run of the same move, in this process or another, still holds it. Nothing was
/// read or written. Wait for the other run to end (or stop it: a stopped or killed run releases the move, and the next
/// run resumes after its last committed batch).
/// </summary>
public sealed class DataMoveInProgressException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="moveName">The move.</param>
    /// <param name="target">The target database, as its endpoint names it.</param>
    /// <param name="holder">Who holds the move, as far as the engine can tell, or <see langword="null"/>.</param>
    public DataMoveInProgressException(string moveName, string target, string? holder)
        : base(
            $"Data move '{moveName}' into {target} is already running{(holder is null ? string.Empty : $" ({holder})")}; this run moved nothing. "
            + "Wait for that run to finish, or stop it: a stopped or killed run releases the move, and the next run resumes after its last committed batch.")
    {
        MoveName = moveName;
        Holder = holder;
    }

    /// <summary>The move.</summary>
    public string MoveName { get; }

    /// <summary>Who holds the move, as far as the engine can tell (a PostgreSQL backend, a lock file), or <see langword="null"/>.</summary>
    public string? Holder { get; }
}
