using System.Globalization;
using MigrationKit.Checkpoints;

namespace MigrationKit;

/// <summary>A migration step failed while running; the driver's exception is the <see cref="Exception.InnerException"/>.</summary>
public sealed class MigrationFailedException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="version">The migration's version.</param>
    /// <param name="description">The migration's description.</param>
    /// <param name="direction">Up or down.</param>
    /// <param name="statement">The statement that failed, if one did.</param>
    /// <param name="transactional">Whether the step ran in a transaction (and so left nothing behind).</param>
    /// <param name="innerException">The cause.</param>
    public MigrationFailedException(long version, string description, MigrationDirection direction, string? statement, bool transactional, Exception innerException)
        : base(BuildMessage(version, description, direction, statement, transactional, innerException, recovery: null), innerException)
    {
        Version = version;
        Description = description;
        Direction = direction;
        Statement = statement;
        Transactional = transactional;
    }

    /// <summary>The failure of a run outside a transaction, with what ran, the checkpoint taken before it, and the restore.</summary>
    internal MigrationFailedException(MigrationFailedException failure, IReadOnlyList<long> appliedInRun, IReadOnlyList<long> notRun, Checkpoint? checkpoint, CheckpointRestoreResult? restore, Exception? restoreError)
        : base(BuildMessage(failure.Version, failure.Description, failure.Direction, failure.Statement, failure.Transactional, failure.InnerException!, Recovery(appliedInRun, notRun, checkpoint, restore, restoreError)), failure.InnerException)
    {
        Version = failure.Version;
        Description = failure.Description;
        Direction = failure.Direction;
        Statement = failure.Statement;
        Transactional = failure.Transactional;
        AppliedInRun = appliedInRun;
        NotRun = notRun;
        Checkpoint = checkpoint;
        Restore = restore;
    }

    /// <summary>The migration's version.</summary>
    public long Version { get; }

    /// <summary>The migration's description.</summary>
    public string Description { get; } = string.Empty;

    /// <summary>Up or down.</summary>
    public MigrationDirection Direction { get; }

    /// <summary>The statement that failed, if one did.</summary>
    public string? Statement { get; }

    /// <summary>Whether the step ran in a transaction, so that nothing of it remains.</summary>
    public bool Transactional { get; }

    /// <summary>For a run that failed outside a transaction: the versions the run applied before the failure.</summary>
    public IReadOnlyList<long> AppliedInRun { get; } = [];

    /// <summary>For a run that failed outside a transaction: the versions the run did not reach.</summary>
    public IReadOnlyList<long> NotRun { get; } = [];

    /// <summary>The checkpoint the runner took before the run, the last safe state; <see langword="null"/> when none was taken.</summary>
    public Checkpoint? Checkpoint { get; }

    /// <summary>The automatic restore of <see cref="Checkpoint"/> (with <c>RestoreOnFailure</c>), verified; <see langword="null"/> when none ran or it failed.</summary>
    public CheckpointRestoreResult? Restore { get; }

    private static string BuildMessage(long version, string description, MigrationDirection direction, string? statement, bool transactional, Exception inner, string? recovery)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var at = statement is null ? string.Empty : $" at statement:\n  {statement}\n";
        var outcome = transactional
            ? "Its transaction was rolled back: the database is as it was before this migration. Fix the migration (or the data) and run again."
            : recovery ?? "It ran without a transaction, so part of it may be applied and it is recorded as incomplete. Fix the database by hand (or restore a backup), then call RepairAsync to clear it.";
        return string.Create(CultureInfo.InvariantCulture, $"Migration {version} '{description}' failed ({direction}){at}: {inner.Message}\n{outcome}");
    }

    private static string Recovery(IReadOnlyList<long> appliedInRun, IReadOnlyList<long> notRun, Checkpoint? checkpoint, CheckpointRestoreResult? restore, Exception? restoreError)
    {
        var ran = string.Create(CultureInfo.InvariantCulture, $"The run stopped. Applied before the failure: {List(appliedInRun)}; not run: {List(notRun)}. ");
        if (checkpoint is null)
        {
            return ran + "It ran without a transaction, so part of it may be applied and it is recorded as incomplete. No checkpoint was taken before the run (set Checkpoints.Directory and Checkpoints.Policy to have one). Fix the database by hand (or restore a backup), then call RepairAsync to clear it.";
        }

        if (restore is not null)
        {
            return ran + string.Create(CultureInfo.InvariantCulture, $"It ran without a transaction, so {checkpoint} taken before the run was restored automatically and verified: the database is back at version {restore.Version} with {restore.TableCount} table(s), as before the run, and the journal keeps this failure. Fix the migration, then run again.");
        }

        if (restoreError is not null)
        {
            return ran + $"It ran without a transaction and part of it may be applied. Restoring {checkpoint} taken before the run automatically failed: {restoreError.Message} The database is as the failure left it: restore the checkpoint with IRollbackManager.RestoreCheckpointAsync(\"{checkpoint.Id}\") once the cause is fixed.";
        }

        return ran + $"It ran without a transaction, so part of it may be applied and it is recorded as incomplete. The last safe state is {checkpoint}, taken before the run: restore it with IRollbackManager.RestoreCheckpointAsync(\"{checkpoint.Id}\") (or set Checkpoints.RestoreOnFailure), or fix the database by hand and call RepairAsync.";
    }

    private static string List(IReadOnlyList<long> versions) =>
        versions.Count == 0 ? "none" : string.Join(", ", versions.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
