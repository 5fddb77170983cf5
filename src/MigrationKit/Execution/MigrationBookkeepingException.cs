using System.Globalization;

namespace MigrationKit;

/// <summary>
/// One of MigrationKit's own statements failed (its history, journal, lock, session reset or checks), not a statement of
/// a migration. It carries the statement; the driver's exception is the <see cref="Exception.InnerException"/>. When it
/// happened while a migration ran, <see cref="Version"/> names that migration.
/// </summary>
public sealed class MigrationBookkeepingException : MigrationKitException
{
    /// <summary>Creates the exception for a failed statement of the runner's (or a provider's) own.</summary>
    /// <param name="statement">The statement that failed, when known.</param>
    /// <param name="innerException">The driver's exception.</param>
    public MigrationBookkeepingException(string? statement, Exception innerException)
        : base(BuildMessage(statement, innerException, step: null), innerException)
    {
        Statement = statement;
    }

    /// <summary>The same failure, seen while a migration ran: the message says which one and what became of it.</summary>
    internal MigrationBookkeepingException(MigrationBookkeepingException failure, long version, string description, MigrationDirection direction, bool transactional)
        : base(BuildMessage(failure.Statement, failure.InnerException!, Step(version, description, direction, transactional)), failure.InnerException)
    {
        Statement = failure.Statement;
        Version = version;
        Direction = direction;
    }

    /// <summary>The runner's own statement that failed, when known.</summary>
    public string? Statement { get; }

    /// <summary>The migration that was running, or <see langword="null"/> when none was.</summary>
    public long? Version { get; }

    /// <summary>The direction of the migration that was running, or <see langword="null"/> when none was.</summary>
    public MigrationDirection? Direction { get; }

    private static string BuildMessage(string? statement, Exception inner, (string Before, string After)? step)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var at = statement is null ? string.Empty : $" at statement:\n  {statement}\n";
        return $"MigrationKit's own bookkeeping failed{step?.Before}{at}: {inner.Message}\n"
            + "This statement is MigrationKit's (history, journal, lock, session reset or checks), not one of a migration. "
            + (step?.After ?? string.Empty)
            + "Check that the history and journal tables exist as MigrationKit created them and that the account may read and write them "
            + "(a migration that drops, renames or locks them, or revokes the account's rights, breaks the bookkeeping), then run again.";
    }

    private static (string Before, string After) Step(long version, string description, MigrationDirection direction, bool transactional) => (
        string.Create(CultureInfo.InvariantCulture, $" while migration {version} '{description}' ran ({direction})"),
        transactional
            ? "The migration's transaction was rolled back: the database is as it was before this migration. "
            : "The migration ran without a transaction, so its statements may have taken effect without being recorded; it is recorded as incomplete when the journal could be written. Check the database, then call RepairAsync. ");
}
