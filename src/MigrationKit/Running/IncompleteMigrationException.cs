using MigrationKit.Checkpoints;

namespace MigrationKit;

/// <summary>A migration failed part way outside a transaction earlier; nothing runs until it is repaired.</summary>
public sealed class IncompleteMigrationException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="versions">The incomplete versions.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions)
        : this(versions, checkpoint: null)
    {
    }

    /// <summary>Creates the exception naming the last safe checkpoint.</summary>
    /// <param name="versions">The incomplete versions.</param>
    /// <param name="checkpoint">The newest checkpoint taken below the incomplete versions, or <see langword="null"/>.</param>
    public IncompleteMigrationException(IReadOnlyList<long> versions, Checkpoint? checkpoint)
        : base($"Migration(s) {string.Join(", ", versions ?? [])} failed part way outside a transaction in an earlier run, so the database may hold part of them. Nothing more runs until this is resolved: inspect the database (the journal records the error), undo or finish the partial change by hand {(checkpoint is null ? "or restore a backup" : $"or restore the last safe checkpoint, {checkpoint}, with IRollbackManager.RestoreCheckpointAsync(\"{checkpoint.Id}\")")}, then call RepairAsync.")
    {
        Versions = versions ?? [];
        Checkpoint = checkpoint;
    }

    /// <summary>The incomplete versions.</summary>
    public IReadOnlyList<long> Versions { get; }

    /// <summary>The last safe checkpoint (the newest taken below the incomplete versions), or <see langword="null"/>.</summary>
    public Checkpoint? Checkpoint { get; }
}
