namespace MigrationKit.Checkpoints;

/// <summary>
/// Where checkpoints are kept, when the runner takes them by itself, and how long they are kept. Nothing is taken
/// automatically until <see cref="Directory"/> is set and <see cref="Policy"/> is not <see cref="CheckpointPolicy.Never"/>.
/// </summary>
public sealed class CheckpointOptions
{
    /// <summary>The folder that holds the backup files and their JSON metadata; <see langword="null"/> (the default) disables checkpoints.</summary>
    public string? Directory { get; set; }

    /// <summary>When the runner takes a checkpoint before a run up. Default <see cref="CheckpointPolicy.Never"/>.</summary>
    public CheckpointPolicy Policy { get; set; } = CheckpointPolicy.Never;

    /// <summary>A custom rule that replaces <see cref="Policy"/> when set (for example one based on a risk plan).</summary>
    public ICheckpointPolicy? CustomPolicy { get; set; }

    /// <summary>What automatic and default checkpoints keep. Default <see cref="CheckpointLevel.Full"/>.</summary>
    public CheckpointLevel Level { get; set; } = CheckpointLevel.Full;

    /// <summary>
    /// Whether the runner restores the checkpoint it took before a run when a migration of that run fails outside a
    /// transaction (default false: the failure names the checkpoint and the caller decides).
    /// </summary>
    public bool RestoreOnFailure { get; set; }

    /// <summary>How long routine checkpoints are kept. Default 7 days; <see langword="null"/> keeps them until deleted.</summary>
    public TimeSpan? RoutineRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long emergency checkpoints are kept. Default 30 days; <see langword="null"/> keeps them until deleted.</summary>
    public TimeSpan? EmergencyRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long milestone checkpoints are kept. Default <see langword="null"/>: until deleted by hand.</summary>
    public TimeSpan? MilestoneRetention { get; set; }

    /// <summary>Whether a successful create prunes expired checkpoints afterwards (default true).</summary>
    public bool PruneAfterCreate { get; set; } = true;

    /// <summary>The retention of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>How long it is kept, or <see langword="null"/> for ever.</returns>
    public TimeSpan? RetentionOf(CheckpointKind kind) => kind switch
    {
        CheckpointKind.Routine => RoutineRetention,
        CheckpointKind.Emergency => EmergencyRetention,
        CheckpointKind.Milestone => MilestoneRetention,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown checkpoint kind."),
    };
}
