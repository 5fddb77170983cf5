namespace MigrationKit.History;

/// <summary>
/// The history of applied migrations and the journal of steps, bound to one session so that a migration and its
/// history row commit together. The core ships a SQL implementation; a provider may supply its own through
/// <see cref="Providers.MigrationProvider.CreateHistory"/>. The runner talks to this interface only: the members with a
/// default implementation are the round-trip savers of the startup and per-migration paths, which a store overrides
/// when it can do them in fewer round trips (the built-in one does).
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

    /// <summary>
    /// The versions and checksums of the applied migrations, by ascending version: all that deciding "nothing
    /// pending" needs. The default reads <see cref="GetAppliedAsync"/>; override to read only these two columns.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows, by ascending version.</returns>
    async ValueTask<IReadOnlyList<AppliedChecksum>> GetAppliedChecksumsAsync(CancellationToken cancellationToken = default) =>
        (await GetAppliedAsync(cancellationToken).ConfigureAwait(false)).Select(a => new AppliedChecksum(a.Version, a.Checksum)).ToArray();

    /// <summary>
    /// Appends <paramref name="entry"/> (a "started" entry, written just before a migration's transaction) only when the
    /// history says the migration of <see cref="JournalEntry.Version"/> is applied (<paramref name="whenApplied"/>
    /// true, for a step down) or not applied (false, for a step up). The default checks with
    /// <see cref="IsAppliedAsync"/> then appends; override to do both in one round trip.
    /// </summary>
    /// <param name="entry">The entry; its version must be set.</param>
    /// <param name="whenApplied">Whether the migration must be applied for the entry to be written.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether the history matched, so the entry was written.</returns>
    /// <exception cref="ArgumentException">The entry has no version.</exception>
    async ValueTask<bool> TryAppendJournalAsync(JournalEntry entry, bool whenApplied, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Version is not { } version)
        {
            throw new ArgumentException("The journal entry must name a migration version.", nameof(entry));
        }

        if (await IsAppliedAsync(version, cancellationToken).ConfigureAwait(false) != whenApplied)
        {
            return false;
        }

        await AppendJournalAsync(entry, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Records an applied migration and its journal entry, in the session's transaction. The default calls
    /// <see cref="AddAsync"/> then <see cref="AppendJournalAsync"/>; override to write both in one round trip.
    /// </summary>
    /// <param name="migration">The history row.</param>
    /// <param name="entry">The journal entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when both are written.</returns>
    async ValueTask AddWithJournalAsync(AppliedMigration migration, JournalEntry entry, CancellationToken cancellationToken = default)
    {
        await AddAsync(migration, cancellationToken).ConfigureAwait(false);
        await AppendJournalAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes a reverted migration's history row and writes its journal entry, in the session's transaction. The
    /// default calls <see cref="RemoveAsync"/> then <see cref="AppendJournalAsync"/>; override to do both in one round trip.
    /// </summary>
    /// <param name="version">The reverted version.</param>
    /// <param name="entry">The journal entry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when both are written.</returns>
    async ValueTask RemoveWithJournalAsync(long version, JournalEntry entry, CancellationToken cancellationToken = default)
    {
        await RemoveAsync(version, cancellationToken).ConfigureAwait(false);
        await AppendJournalAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a run as started, outside any transaction, creating the runs table first when the database was created
    /// without one. The default records nothing: a store without run records.
    /// </summary>
    /// <param name="run">The run, with its id, command, target, host, process and start.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask StartRunAsync(Runs.MigrationRun run, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// Records how a run started with <see cref="StartRunAsync"/> ended (outcome, end, duration, steps, retries, error),
    /// in its own statement outside any transaction. The default records nothing.
    /// </summary>
    /// <param name="run">The run, with its end filled in.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask FinishRunAsync(Runs.MigrationRun run, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// The runs recorded, started at or after <paramref name="since"/> (all when null), newest first, each with its
    /// journal entries, as stored: a run that never recorded an end reads <see cref="Runs.MigrationRunOutcome.Running"/>
    /// (the runner decides which of those were interrupted). Empty when the runs table does not exist. The default
    /// returns none.
    /// </summary>
    /// <param name="since">The earliest start to include, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The runs, newest first.</returns>
    ValueTask<IReadOnlyList<Runs.MigrationRun>> GetRunsAsync(DateTimeOffset? since, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<Runs.MigrationRun>>([]);

    /// <summary>
    /// The digest of the applied set recorded by <see cref="WriteAppliedDigestAsync"/>, when it is still current: no
    /// journal entry was written and no history row added or removed since. <see langword="null"/> when none is
    /// recorded, it is out of date, or the store keeps none (the default): the runner then reads the whole history.
    /// Called outside any transaction, as the first read of a startup.
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The current digest, or <see langword="null"/>.</returns>
    ValueTask<long?> ReadAppliedDigestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<long?>(null);

    /// <summary>
    /// Records <paramref name="digest"/> as the digest of the applied set as it is now, with what makes it current (the
    /// number of history rows and the newest journal entry), in the session's transaction, in which the caller read
    /// the history it was computed from. The default keeps none.
    /// </summary>
    /// <param name="digest">The digest of the history rows read in this transaction.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    ValueTask WriteAppliedDigestAsync(long digest, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
