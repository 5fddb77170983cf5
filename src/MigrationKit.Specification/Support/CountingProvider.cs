using System.Data.Common;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Providers;

namespace MigrationKit.Specification.Support;

/// <summary>
/// Wraps a target's provider and counts the connections the runner opens, so a test can prove that a mistake found
/// before the run (a duplicate version, an unknown target) never touched the database.
/// </summary>
internal sealed class CountingProvider(MigrationProvider inner) : MigrationProvider, IAsyncDisposable
{
    private int _opened;
    private int _statisticsReads;

    public int ConnectionsOpened => Volatile.Read(ref _opened);

    public override string Name => inner.Name;

    public override string DisplayName => inner.DisplayName;

    public override MigrationSqlGenerator SqlGenerator => inner.SqlGenerator;

    public override ISchemaReader SchemaReader => inner.SchemaReader;

    public int StatisticsReads => Volatile.Read(ref _statisticsReads);

    public override Statistics.IDatabaseStatisticsReader? StatisticsReader => inner.StatisticsReader is { } reader ? new CountingReader(reader, this) : null;

    public override TimeSpan? LockTimeoutFor(MigrationInfo migration) => inner.LockTimeoutFor(migration);

    public override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _opened);
        return inner.OpenConnectionAsync(cancellationToken);
    }

    public override ValueTask ReleaseConnectionAsync(DbConnection connection) => inner.ReleaseConnectionAsync(connection);

    public override ValueTask<IAsyncDisposable> AcquireLockAsync(MigrationSession session, CancellationToken cancellationToken = default) => inner.AcquireLockAsync(session, cancellationToken);

    public override ValueTask<DbTransaction> BeginTransactionAsync(MigrationSession session, CancellationToken cancellationToken = default) => inner.BeginTransactionAsync(session, cancellationToken);

    public override ValueTask BeforeMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default) => inner.BeforeMigrationAsync(session, migration, cancellationToken);

    public override ValueTask AfterMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default) => inner.AfterMigrationAsync(session, migration, cancellationToken);

    public override ValueTask BeforeCommitAsync(MigrationSession session, CancellationToken cancellationToken = default) => inner.BeforeCommitAsync(session, cancellationToken);

    public override IMigrationHistory CreateHistory(MigrationSession session, MigrationHistoryOptions options) => inner.CreateHistory(session, options);

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

    private sealed class CountingReader(Statistics.IDatabaseStatisticsReader inner, CountingProvider owner) : Statistics.IDatabaseStatisticsReader
    {
        public Task<Statistics.DatabaseStatistics> ReadAsync(MigrationSession session, Statistics.DatabaseStatisticsRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref owner._statisticsReads);
            return inner.ReadAsync(session, request, cancellationToken);
        }
    }
}
