namespace MigrationKit;

/// <summary>The history and the code disagree: applied migrations are missing from the code or were edited.</summary>
public class MigrationValidationException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The migrations that disagree.</param>
    public MigrationValidationException(IReadOnlyList<MigrationStatusEntry> problems)
        : this(problems, BuildMessage(problems))
    {
    }

    /// <summary>Creates the exception with a specific message.</summary>
    /// <param name="problems">The migrations that disagree.</param>
    /// <param name="message">The message.</param>
    protected MigrationValidationException(IReadOnlyList<MigrationStatusEntry> problems, string message)
        : base(message)
    {
        Problems = problems;
    }

    /// <summary>The migrations that disagree.</summary>
    public IReadOnlyList<MigrationStatusEntry> Problems { get; }

    /// <summary>Describes the problems and what to do about each kind.</summary>
    /// <param name="problems">The problems.</param>
    /// <returns>The message.</returns>
    protected static string BuildMessage(IReadOnlyList<MigrationStatusEntry> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var lines = problems.Select(p => p.State switch
        {
            MigrationState.Modified => $"  {p.Version} '{p.Description}' was edited after it was applied (checksum {p.AppliedChecksum} in history, {p.CodeChecksum} in code)",
            MigrationState.Missing => $"  {p.Version} '{p.Description}' is applied but not in the code",
            _ => $"  {p.Version} '{p.Description}' is {p.State}",
        });
        var remedies = new List<string>();
        if (problems.Any(p => p.State == MigrationState.Modified))
        {
            remedies.Add("Revert the edits (add a new migration for the change instead), or call RepairAsync to accept the code as it is now.");
        }

        if (problems.Any(p => p.State == MigrationState.Missing))
        {
            remedies.Add("The database is ahead of this code: deploy the code that has these migrations, or set IgnoreMissingMigrations if that is intended.");
        }

        return $"The migration history does not match the code:\n{string.Join('\n', lines)}\n{string.Join(' ', remedies)}";
    }
}
