namespace MigrationKit;

/// <summary>Applied migrations were edited after they were applied (their checksums differ).</summary>
public sealed class MigrationChecksumMismatchException : MigrationValidationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The edited migrations.</param>
    public MigrationChecksumMismatchException(IReadOnlyList<MigrationStatusEntry> problems)
        : base(problems, BuildMessage(problems))
    {
    }
}
