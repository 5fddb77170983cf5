namespace MigrationKit.Checkpoints;

/// <summary>
/// Decides whether the runner takes a checkpoint before a run up; set on <see cref="CheckpointOptions.CustomPolicy"/>
/// to replace <see cref="CheckpointOptions.Policy"/>. This is where a risk-based rule ("when the plan's risk is High or
/// worse") plugs in.
/// </summary>
public interface ICheckpointPolicy
{
    /// <summary>Whether to take a checkpoint before applying <paramref name="pending"/>.</summary>
    /// <param name="pending">
    /// The migrations about to be applied, in order; <see cref="MigrationInfo.Destructive"/> is already true for those whose
    /// Up operations can destroy data.
    /// </param>
    /// <param name="cancellationToken">Cancels the decision.</param>
    /// <returns><see langword="true"/> to take a checkpoint first.</returns>
    ValueTask<bool> ShouldCheckpointAsync(IReadOnlyList<MigrationInfo> pending, CancellationToken cancellationToken = default);
}
