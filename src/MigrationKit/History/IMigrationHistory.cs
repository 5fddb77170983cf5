namespace MigrationKit.History;

/// <summary>
/// The history of applied migrations and the journal of steps, bound to one session so that a migration and its
/// history row commit together. The core ships a SQL implementation; a provider may supply its own.
/// </summary>
public interface IMigrationHistory
{
    /// <summary>Creates the history and journal tables when they do not exist.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the tables exist.</returns>
    ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether the history table exists.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when it exists.</returns>
    ValueTask<bool> ExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>The applied migrations, by ascending version.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The history rows.</returns>
    ValueTask<IReadOnlyList<AppliedMigration>> GetAppliedAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether one version is applied: the re-check made inside each migration's transaction.</summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when applied.</returns>
    ValueTask<bool> IsAppliedAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>Records a migration as applied.</summary>
    /// <param name="migration">The row.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask AddAsync(AppliedMigration migration, CancellationToken cancellationToken = default);

    /// <summary>Removes a migration's row after its Down ran.</summary>
    /// <param name="version">The version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when removed.</returns>
    ValueTask RemoveAsync(long version, CancellationToken cancellationToken = default);

    /// <summary>Re-records a migration's checksum and description (repair).</summary>
    /// <param name="version">The version.</param>
    /// <param name="checksum">The new checksum.</param>
    /// <param name="description">The new description.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask UpdateChecksumAsync(long version, string checksum, string description, CancellationToken cancellationToken = default);

    /// <summary>Appends a journal entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Versions whose latest journal entry says they failed part way (<see cref="JournalStatus.Incomplete"/>) or were
    /// started and never finished (<see cref="JournalStatus.Started"/>: the process was killed or lost its connection).
    /// The runner ignores the second kind for transactional migrations, whose transaction rolled back.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The incomplete versions.</returns>
    ValueTask<IReadOnlyList<long>> GetIncompleteAsync(CancellationToken cancellationToken = default);

    /// <summary>The journal, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default);
}
