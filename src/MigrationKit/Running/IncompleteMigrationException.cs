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
        InvalidObjects = [];
    }

    /// <summary>Creates the exception, naming the objects the interrupted step left invalid.</summary>
    /// <param name="versions">The incomplete versions.</param>
    /// <param name="invalidObjects">The provider's descriptions of invalid objects (for example an INVALID index left by an interrupted <c>CREATE INDEX CONCURRENTLY</c>), each with its remedy.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions, IReadOnlyList<string> invalidObjects)
        : base(BuildMessage(versions, invalidObjects))
    {
        Versions = versions ?? [];
        InvalidObjects = invalidObjects ?? [];
    }

    /// <summary>The incomplete versions.</summary>
    public IReadOnlyList<long> Versions { get; }

    /// <summary>Objects the database holds in an invalid state, as the provider describes them (empty when none).</summary>
    public IReadOnlyList<string> InvalidObjects { get; }

    private static string BuildMessage(IReadOnlyList<long> versions, IReadOnlyList<string> invalidObjects)
    {
        var invalid = invalidObjects is { Count: > 0 }
            ? $" The database holds {invalidObjects.Count} invalid object(s) that an interrupted step left behind:\n  " + string.Join("\n  ", invalidObjects)
                + "\nDrop them (as shown) first, then call RepairAsync and run again."
            : string.Empty;
        return $"Migration(s) {string.Join(", ", versions ?? [])} failed part way outside a transaction in an earlier run, so the database may hold part of them. Nothing more runs until this is resolved: inspect the database (the journal records the error), undo or finish the partial change by hand or restore a backup, then call RepairAsync.{invalid}";
    }
}
