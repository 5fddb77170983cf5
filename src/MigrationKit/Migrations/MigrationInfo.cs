namespace MigrationKit;

/// <summary>A migration found in code.</summary>
/// <param name="Version">The version.</param>
/// <param name="Description">The description.</param>
/// <param name="Name">The class name.</param>
/// <param name="Transaction">How it uses transactions.</param>
public sealed record MigrationInfo(long Version, string Description, string Name, MigrationTransactionMode Transaction)
{
    /// <summary>The lock wait limit the migration asks for: <see langword="null"/> for the provider's default, <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? LockTimeout { get; init; }

    /// <summary>The statement duration limit the migration asks for: <see langword="null"/> for the provider's default, <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>
    /// Whether the migration can destroy data: marked <see cref="MigrationAttribute.Destructive"/>, or (as passed to an
    /// <see cref="Checkpoints.ICheckpointPolicy"/>) one of its Up operations is destructive.
    /// </summary>
    public bool Destructive { get; init; }
}
