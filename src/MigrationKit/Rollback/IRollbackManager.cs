using MigrationKit.Checkpoints;

namespace MigrationKit.Rollback;

/// <summary>
/// The two ways back for one database: checkpoints (real backups, restored physically) and Down migrations (logical),
/// and the choice between them. Get it from <see cref="IMigrationRunner.RollbackManager"/> or from the service
/// container (keyed by target name for named targets).
/// </summary>
public interface IRollbackManager
{
    /// <summary>Takes a checkpoint now, writes it to the journal, then prunes expired ones (unless turned off).</summary>
    /// <param name="kind">Why it is taken, which decides its retention.</param>
    /// <param name="level">What it keeps; <see langword="null"/> for <see cref="CheckpointOptions.Level"/>.</param>
    /// <param name="description">Why it is taken, in a few words.</param>
    /// <param name="cancellationToken">Cancels the backup; nothing is recorded then.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="InvalidOperationException">No checkpoint directory is configured.</exception>
    /// <exception cref="CheckpointException">The provider cannot take checkpoints, or the backup failed.</exception>
    Task<Checkpoint> CreateCheckpointAsync(CheckpointKind kind = CheckpointKind.Milestone, CheckpointLevel? level = null, string? description = null, CancellationToken cancellationToken = default);

    /// <summary>The checkpoints in the directory, oldest first, read from their metadata files.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The checkpoints.</returns>
    /// <exception cref="InvalidOperationException">No checkpoint directory is configured.</exception>
    Task<IReadOnlyList<Checkpoint>> ListCheckpointsAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks a checkpoint's file: present, the recorded size and SHA-256, and readable by the database's tools.</summary>
    /// <param name="checkpointId">The checkpoint's id.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The checkpoint, when sound.</returns>
    /// <exception cref="CheckpointException">The checkpoint is unknown, or its file is missing, truncated or damaged.</exception>
    Task<Checkpoint> VerifyCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies a checkpoint, then restores it (all or nothing), keeps the journal entries written since it, and reads
    /// the schema and status back to verify the database.
    /// </summary>
    /// <param name="checkpointId">The checkpoint's id.</param>
    /// <param name="cancellationToken">Cancels the restore before it commits.</param>
    /// <returns>What was restored and the state read back.</returns>
    /// <exception cref="CheckpointException">The checkpoint is unknown, damaged or from another provider; the database was not touched.</exception>
    Task<CheckpointRestoreResult> RestoreCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a checkpoint's file and metadata.</summary>
    /// <param name="checkpointId">The checkpoint's id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The checkpoint deleted.</returns>
    /// <exception cref="CheckpointException">The checkpoint is unknown.</exception>
    Task<Checkpoint> DeleteCheckpointAsync(string checkpointId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the checkpoints older than their kind's retention (routine 7 days, emergency 30 days, milestones never, by default).</summary>
    /// <param name="cancellationToken">Cancels the pruning.</param>
    /// <returns>The checkpoints deleted.</returns>
    Task<IReadOnlyList<Checkpoint>> PruneCheckpointsAsync(CancellationToken cancellationToken = default);

    /// <summary>Chooses the way back to <paramref name="target"/> and says why, without changing anything.</summary>
    /// <param name="target">A version, a number of steps, or a checkpoint.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="MigrationTargetException">The target is above the current version, unknown, or more steps than are applied.</exception>
    /// <exception cref="RollbackNotPossibleException">A Down is missing or loses data and no full checkpoint exists at or below the target.</exception>
    /// <exception cref="CheckpointException">The checkpoint named is unknown.</exception>
    Task<RollbackPlan> PlanRollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default);

    /// <summary>Plans as <see cref="PlanRollbackAsync"/> does, then carries the plan out.</summary>
    /// <param name="target">A version, a number of steps, or a checkpoint.</param>
    /// <param name="cancellationToken">Cancels the rollback.</param>
    /// <returns>What was done.</returns>
    /// <exception cref="MigrationTargetException">The target is above the current version, unknown, or more steps than are applied.</exception>
    /// <exception cref="RollbackNotPossibleException">Neither way back exists.</exception>
    /// <exception cref="CheckpointException">The checkpoint is unknown or damaged; the database was not touched.</exception>
    /// <exception cref="MigrationFailedException">A Down failed.</exception>
    Task<RollbackResult> RollbackAsync(RollbackTarget target, CancellationToken cancellationToken = default);
}
