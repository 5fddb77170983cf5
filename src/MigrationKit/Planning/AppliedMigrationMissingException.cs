namespace MigrationKit;

/// <summary>The database has migrations applied that the code does not have: it is ahead of the code.</summary>
public sealed class AppliedMigrationMissingException : MigrationValidationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The migrations applied but missing from the code.</param>
    public AppliedMigrationMissingException(IReadOnlyList<MigrationStatusEntry> problems)
        : base(problems, BuildMessage(problems))
    {
    }
}
