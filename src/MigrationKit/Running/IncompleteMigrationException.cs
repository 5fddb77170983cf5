namespace MigrationKit;

/// <summary>A migration failed part way outside a transaction earlier; nothing runs until it is repaired.</summary>
public sealed class IncompleteMigrationException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="versions">The incomplete versions.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions)
        : base($"Migration(s) {string.Join(", ", versions ?? [])} failed part way outside a transaction in an earlier run, so the database may hold part of them. Nothing more runs until this is resolved: inspect the database (the journal records the error), undo or finish the partial change by hand or restore a backup, then call RepairAsync.")
    {
        Versions = versions ?? [];
    }

    /// <summary>The incomplete versions.</summary>
    public IReadOnlyList<long> Versions { get; }
}
