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
    /// <summary>Takes the lock of one move in this database, without waiting.</summary>
    /// <param name="move">The move's name.</param>
    /// <param name="cancellationToken">Cancels taking the lock.</param>
    /// <returns>The lock, released when disposed.</returns>
    /// <exception cref="Moves.DataMoveInProgressException">Another run holds the lock of <paramref name="move"/>.</exception>
    ValueTask<IAsyncDisposable> LockMoveAsync(string move, CancellationToken cancellationToken = default);
}
