using MigrationKit.History;
using MigrationKit.Runs;

namespace MigrationKit.PostgreSql;

/// <summary>
/// The history and journal with schema-qualified table names for every read and write, created through the unqualified
/// names: creation runs first thing in a fresh session, where the current schema is the one the qualified names name,
/// and creating unqualified tables asks for no <c>CREATE SCHEMA</c> (which needs the CREATE privilege on the database
/// even when the schema exists).
/// </summary>
/// <param name="qualified">The store whose statements name the schema.</param>
/// <param name="creating">The store that creates the tables, as written in the options.</param>
internal sealed class SchemaQualifiedHistory(IMigrationHistory qualified, IMigrationHistory creating) : IMigrationHistory
{
    public ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default) => creating.EnsureCreatedAsync(cancellationToken);

    public ValueTask<bool> ExistsAsync(CancellationToken cancellationToken = default) => qualified.ExistsAsync(cancellationToken);

    public ValueTask<IReadOnlyList<AppliedMigration>> GetAppliedAsync(CancellationToken cancellationToken = default) => qualified.GetAppliedAsync(cancellationToken);

    public ValueTask<bool> IsAppliedAsync(long version, CancellationToken cancellationToken = default) => qualified.IsAppliedAsync(version, cancellationToken);

    public ValueTask AddAsync(AppliedMigration migration, CancellationToken cancellationToken = default) => qualified.AddAsync(migration, cancellationToken);

    public ValueTask RemoveAsync(long version, CancellationToken cancellationToken = default) => qualified.RemoveAsync(version, cancellationToken);

    public ValueTask UpdateChecksumAsync(long version, string checksum, string description, CancellationToken cancellationToken = default) =>
        qualified.UpdateChecksumAsync(version, checksum, description, cancellationToken);

    public ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken = default) => qualified.AppendJournalAsync(entry, cancellationToken);

    public ValueTask<IReadOnlyList<long>> GetIncompleteAsync(CancellationToken cancellationToken = default) => qualified.GetIncompleteAsync(cancellationToken);

    public ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default) => qualified.GetJournalAsync(cancellationToken);

    public ValueTask<IReadOnlyList<AppliedChecksum>> GetAppliedChecksumsAsync(CancellationToken cancellationToken = default) => qualified.GetAppliedChecksumsAsync(cancellationToken);

    public ValueTask<bool> TryAppendJournalAsync(JournalEntry entry, bool whenApplied, CancellationToken cancellationToken = default) =>
        qualified.TryAppendJournalAsync(entry, whenApplied, cancellationToken);

    public ValueTask AddWithJournalAsync(AppliedMigration migration, JournalEntry entry, CancellationToken cancellationToken = default) =>
        qualified.AddWithJournalAsync(migration, entry, cancellationToken);

    public ValueTask RemoveWithJournalAsync(long version, JournalEntry entry, CancellationToken cancellationToken = default) =>
        qualified.RemoveWithJournalAsync(version, entry, cancellationToken);

    public ValueTask StartRunAsync(MigrationRun run, CancellationToken cancellationToken = default) => qualified.StartRunAsync(run, cancellationToken);

    public ValueTask FinishRunAsync(MigrationRun run, CancellationToken cancellationToken = default) => qualified.FinishRunAsync(run, cancellationToken);

    public ValueTask<IReadOnlyList<MigrationRun>> GetRunsAsync(DateTimeOffset? since, CancellationToken cancellationToken = default) => qualified.GetRunsAsync(since, cancellationToken);

    public ValueTask<long?> ReadAppliedDigestAsync(CancellationToken cancellationToken = default) => qualified.ReadAppliedDigestAsync(cancellationToken);

    public ValueTask WriteAppliedDigestAsync(long digest, CancellationToken cancellationToken = default) => qualified.WriteAppliedDigestAsync(digest, cancellationToken);
}
