using MigrationKit.Checkpoints;

namespace MigrationKit;

/// <summary>A migration failed part way outside a transaction earlier; nothing runs until it is repaired.</summary>
public sealed class IncompleteMigrationException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="versions">The incomplete versions.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions)
        : this(versions, [], checkpoint: null)
    {
    }

    /// <summary>Creates the exception naming the last safe checkpoint.</summary>
    /// <param name="versions">The incomplete versions.</param>
    /// <param name="checkpoint">The newest checkpoint taken below the incomplete versions, or <see langword="null"/>.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions, Checkpoint? checkpoint)
        : this(versions, [], checkpoint)
    {
    }

    /// <summary>Creates the exception, naming the objects the interrupted step left invalid.</summary>
    /// <param name="versions">The incomplete versions.</param>
    /// <param name="invalidObjects">The provider's descriptions of invalid objects (for example an INVALID index left by an interrupted <c>CREATE INDEX CONCURRENTLY</c>), each with its remedy.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions, IReadOnlyList<string> invalidObjects)
        : this(versions, invalidObjects, checkpoint: null)
    {
    }

    /// <summary>Creates the exception, naming the invalid objects and the last safe checkpoint.</summary>
    /// <param name="versions">The incomplete versions.</param>
    /// <param name="invalidObjects">The provider's descriptions of invalid objects, each with its remedy.</param>
    /// <param name="checkpoint">The newest checkpoint taken below the incomplete versions, or <see langword="null"/>.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions, IReadOnlyList<string> invalidObjects, Checkpoint? checkpoint)
        : base(BuildMessage(versions, invalidObjects, checkpoint))
    {
        Versions = versions ?? [];
        InvalidObjects = invalidObjects ?? [];
        Checkpoint = checkpoint;
    }

    /// <summary>The incomplete versions.</summary>
    public IReadOnlyList<long> Versions { get; }

    /// <summary>Objects the database holds in an invalid state, as the provider describes them (empty when none).</summary>
    public IReadOnlyList<string> InvalidObjects { get; }

    /// <summary>The last safe checkpoint (the newest taken below the incomplete versions), or <see langword="null"/>.</summary>
    public Checkpoint? Checkpoint { get; }

    private static string BuildMessage(IReadOnlyList<long> versions, IReadOnlyList<string> invalidObjects, Checkpoint? checkpoint)
    {
        var invalid = invalidObjects is { Count: > 0 }
            ? $" The database holds {invalidObjects.Count} invalid object(s) that an interrupted step left behind:\n  " + string.Join("\n  ", invalidObjects)
                + "\nDrop them (as shown) first, then call RepairAsync and run again."
            : string.Empty;
        var restore = checkpoint is null
            ? "or restore a backup"
            : $"or restore the last safe checkpoint, {checkpoint}, with IRollbackManager.RestoreCheckpointAsync(\"{checkpoint.Id}\")";
        return $"Migration(s) {string.Join(", ", versions ?? [])} failed part way outside a transaction in an earlier run, so the database may hold part of them. Nothing more runs until this is resolved: inspect the database (the journal records the error), undo or finish the partial change by hand {restore}, then call RepairAsync.{invalid}";
    }
}
