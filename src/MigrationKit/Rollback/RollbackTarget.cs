using System.Globalization;

namespace MigrationKit.Rollback;

/// <summary>Where a rollback goes: a version, a number of steps back, or a checkpoint.</summary>
public sealed class RollbackTarget
{
    private RollbackTarget(RollbackTargetKind kind, long value, string? checkpointId)
    {
        Kind = kind;
        Value = value;
        CheckpointId = checkpointId;
    }

    /// <summary>How the target is named.</summary>
    public RollbackTargetKind Kind { get; }

    /// <summary>The version (for <see cref="RollbackTargetKind.Version"/>) or the number of steps (for <see cref="RollbackTargetKind.Steps"/>); 0 for a checkpoint.</summary>
    public long Value { get; }

    /// <summary>The checkpoint's id, for <see cref="RollbackTargetKind.Checkpoint"/>.</summary>
    public string? CheckpointId { get; }

    /// <summary>
    /// Whether the caller accepts losing data when no checkpoint can bring it back: a rollback that would otherwise be
    /// refused then runs the Downs, and its plan names what is lost (<see cref="RollbackPlan.DataLoss"/>).
    /// </summary>
    public bool AcceptsDataLoss { get; private init; }

    /// <summary>This target, with the loss of data accepted when no checkpoint can avoid it.</summary>
    /// <returns>A copy that accepts data loss.</returns>
    public RollbackTarget AcceptingDataLoss() => new(Kind, Value, CheckpointId) { AcceptsDataLoss = true };

    /// <summary>Back to a schema version.</summary>
    /// <param name="version">The version to end at: 0 (nothing applied) or an applied version.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is negative.</exception>
    public static RollbackTarget ToVersion(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return new(RollbackTargetKind.Version, version, null);
    }

    /// <summary>Back a number of applied migrations.</summary>
    /// <param name="steps">How many (at least 1).</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> is 0 or negative.</exception>
    public static RollbackTarget StepsBack(int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        return new(RollbackTargetKind.Steps, steps, null);
    }

    /// <summary>Back to a checkpoint: restores it.</summary>
    /// <param name="checkpointId">The checkpoint's id.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException"><paramref name="checkpointId"/> is empty.</exception>
    public static RollbackTarget ToCheckpoint(string checkpointId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointId);
        return new(RollbackTargetKind.Checkpoint, 0, checkpointId);
    }

    /// <summary>The target in words, such as <c>version 3</c>, <c>2 step(s) back</c> or <c>checkpoint '…'</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        RollbackTargetKind.Version => string.Create(CultureInfo.InvariantCulture, $"version {Value}"),
        RollbackTargetKind.Steps => string.Create(CultureInfo.InvariantCulture, $"{Value} step(s) back"),
        _ => $"checkpoint '{CheckpointId}'",
    };
}
