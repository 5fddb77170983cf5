using System.Data.Common;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Providers;

namespace MigrationKit.Specification.Support;

/// <summary>
/// Wraps a target's provider and calls a hook at each stage of a run, with the run's own cancellation token, so a test
/// can cancel (or hold) a run at an exact point: taking the lock, starting a migration, before its commit, or between
/// two migrations (the first history check of the next one). The hook runs before the wrapped provider's step.
/// </summary>
internal sealed class HookedProvider(MigrationProvider inner, Func<RunStage, long?, CancellationToken, Task> hook) : MigrationProvider, IAsyncDisposable
{
    private long? _current;

    public override string Name => inner.Name;

    public override string DisplayName => inner.DisplayName;

    public override MigrationSqlGenerator SqlGenerator => inner.SqlGenerator;

    public override ISchemaReader SchemaReader => inner.SchemaReader;

    public override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) => inner.OpenConnectionAsync(cancellationToken);

    public override ValueTask ReleaseConnectionAsync(DbConnection connection) => inner.ReleaseConnectionAsync(connection);

    public override async ValueTask<IAsyncDisposable> AcquireLockAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        await hook(RunStage.Lock, null, cancellationToken);
        return await inner.AcquireLockAsync(session, cancellationToken);
    }

    public override ValueTask<DbTransaction> BeginTransactionAsync(MigrationSession session, CancellationToken cancellationToken = default) => inner.BeginTransactionAsync(session, cancellationToken);

    public override async ValueTask BeforeMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migration);
        _current = migration.Version;
        await hook(RunStage.MigrationStarting, migration.Version, cancellationToken);
        await inner.BeforeMigrationAsync(session, migration, cancellationToken);
    }

    public override ValueTask AfterMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default) => inner.AfterMigrationAsync(session, migration, cancellationToken);

    public override async ValueTask BeforeCommitAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        await hook(RunStage.BeforeCommit, _current, cancellationToken);
        await inner.BeforeCommitAsync(session, cancellationToken);
    }

    public override IMigrationHistory CreateHistory(MigrationSession session, MigrationHistoryOptions options) =>
        new HookedHistory(inner.CreateHistory(session, options), hook);

    public override bool IsConnectionFailure(Exception exception) => inner.IsConnectionFailure(exception);

    public async ValueTask DisposeAsync()
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>Calls the hook before each history check of a migration (the first check of the next migration comes right after the previous one committed).</summary>
    private sealed class HookedHistory(IMigrationHistory inner, Func<RunStage, long?, CancellationToken, Task> hook) : IMigrationHistory
    {
        public ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default) => inner.EnsureCreatedAsync(cancellationToken);

        public ValueTask<bool> ExistsAsync(CancellationToken cancellationToken = default) => inner.ExistsAsync(cancellationToken);

        public ValueTask<IReadOnlyList<AppliedMigration>> GetAppliedAsync(CancellationToken cancellationToken = default) => inner.GetAppliedAsync(cancellationToken);

        public async ValueTask<bool> IsAppliedAsync(long version, CancellationToken cancellationToken = default)
        {
            await hook(RunStage.HistoryCheck, version, cancellationToken);
            return await inner.IsAppliedAsync(version, cancellationToken);
        }

        public ValueTask AddAsync(AppliedMigration migration, CancellationToken cancellationToken = default) => inner.AddAsync(migration, cancellationToken);

        public ValueTask RemoveAsync(long version, CancellationToken cancellationToken = default) => inner.RemoveAsync(version, cancellationToken);

        public ValueTask UpdateChecksumAsync(long version, string checksum, string description, CancellationToken cancellationToken = default) => inner.UpdateChecksumAsync(version, checksum, description, cancellationToken);

        public ValueTask AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken = default) => inner.AppendJournalAsync(entry, cancellationToken);

        public ValueTask<IReadOnlyList<long>> GetIncompleteAsync(CancellationToken cancellationToken = default) => inner.GetIncompleteAsync(cancellationToken);

        public ValueTask<IReadOnlyList<JournalEntry>> GetJournalAsync(CancellationToken cancellationToken = default) => inner.GetJournalAsync(cancellationToken);

        public ValueTask StartRunAsync(Runs.MigrationRun run, CancellationToken cancellationToken = default) => inner.StartRunAsync(run, cancellationToken);

        public async ValueTask FinishRunAsync(Runs.MigrationRun run, CancellationToken cancellationToken = default)
        {
            await hook(RunStage.RunFinishing, null, cancellationToken);
            await inner.FinishRunAsync(run, cancellationToken);
        }

        public ValueTask<IReadOnlyList<Runs.MigrationRun>> GetRunsAsync(DateTimeOffset? since, CancellationToken cancellationToken = default) => inner.GetRunsAsync(since, cancellationToken);
    }
}
