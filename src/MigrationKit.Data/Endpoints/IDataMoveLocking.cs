namespace MigrationKit.Data.Endpoints;

/// <summary>
/// A target that can keep two processes from running the same data move at once. <see cref="Moves.DataMover"/> holds the
/// lock for the whole run of a move (and of a whole-database move), so a second run of it, in this process or another,
/// is refused at once with <see cref="Moves.DataMoveInProgressException"/> before it reads or writes anything. The lock
/// dies with the process or connection that holds it, so a killed run never leaves the move locked: the next run
/// takes the lock and resumes after the last committed batch.
/// </summary>
public interface IDataMoveLocking
{
    /// <summary>Takes the lock of one move in this database, waiting at most <paramref name="wait"/> for its holder to let it go.</summary>
    /// <param name="move">The move's name.</param>
    /// <param name="wait">How long to wait for the lock; zero does not wait.</param>
    /// <param name="cancellationToken">Cancels taking the lock.</param>
    /// <returns>The lock, released when disposed.</returns>
    /// <exception cref="Moves.DataMoveInProgressException">Another run held the lock of <paramref name="move"/> for all of <paramref name="wait"/>.</exception>
    ValueTask<IAsyncDisposable> LockMoveAsync(string move, TimeSpan wait, CancellationToken cancellationToken = default);
}
