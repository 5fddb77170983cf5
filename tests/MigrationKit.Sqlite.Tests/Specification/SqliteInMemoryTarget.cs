using System.Data.Common;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Providers;
using MigrationKit.Specification;

namespace MigrationKit.Sqlite.Tests.Specification;

/// <summary>
/// The conformance suite on SQLite in-memory databases. Such a database lives only as long as the one provider that
/// keeps its connection open, so each database owns one provider and hands out views of it that runners may dispose
/// without closing it. One connection serves one session at a time, so this target cannot serve the concurrency fixture.
/// </summary>
public sealed class SqliteInMemoryTarget : ISpecificationTarget
{
    public string ProviderName => "sqlite";

    public Task<ISpecificationDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<ISpecificationDatabase>(new MemoryDatabase());

    private sealed class MemoryDatabase : ISpecificationDatabase
    {
        private readonly SqliteMigrationProvider _provider = new("Data Source=:memory:");

        public MigrationProvider CreateProvider() => new SharedProvider(_provider);

        public ValueTask DisposeAsync() => _provider.DisposeAsync();
    }

    /// <summary>A view of the database's one provider; disposing the runner that owns the view leaves the database open.</summary>
    private sealed class SharedProvider(MigrationProvider inner) : MigrationProvider
    {
        public override string Name => inner.Name;

        public override string DisplayName => inner.DisplayName;

        public override MigrationSqlGenerator SqlGenerator => inner.SqlGenerator;

        public override ISchemaReader SchemaReader => inner.SchemaReader;

        public override ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) => inner.OpenConnectionAsync(cancellationToken);

        public override ValueTask ReleaseConnectionAsync(DbConnection connection) => inner.ReleaseConnectionAsync(connection);

        public override ValueTask<IAsyncDisposable> AcquireLockAsync(MigrationSession session, CancellationToken cancellationToken = default) => inner.AcquireLockAsync(session, cancellationToken);

        public override ValueTask<DbTransaction> BeginTransactionAsync(MigrationSession session, CancellationToken cancellationToken = default) => inner.BeginTransactionAsync(session, cancellationToken);

        public override ValueTask BeforeMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default) => inner.BeforeMigrationAsync(session, migration, cancellationToken);

        public override ValueTask BeforeCommitAsync(MigrationSession session, CancellationToken cancellationToken = default) => inner.BeforeCommitAsync(session, cancellationToken);

        public override IMigrationHistory CreateHistory(MigrationSession session, MigrationHistoryOptions options) => inner.CreateHistory(session, options);

        public override bool IsConnectionFailure(Exception exception) => inner.IsConnectionFailure(exception);

        public override ValueTask<ShadowDatabase> CreateShadowAsync(CancellationToken cancellationToken = default) => inner.CreateShadowAsync(cancellationToken);
    }
}
