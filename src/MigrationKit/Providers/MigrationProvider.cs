using System.Data.Common;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Inspection;

namespace MigrationKit.Providers;

/// <summary>
/// The database-specific half of MigrationKit. A provider supplies connections, a SQL generator and a schema
/// reader; override <see cref="AcquireLockAsync"/>, <see cref="BeginTransactionAsync"/> or
/// <see cref="CreateHistory"/> where the defaults (no run-level lock, the driver's own transactions, the SQL
/// history tables) do not fit the database.
/// </summary>
public abstract class MigrationProvider
{
    /// <summary>Initializes the provider.</summary>
    protected MigrationProvider()
    {
    }

    /// <summary>The provider's short name (<c>sqlite</c>, <c>postgresql</c>), which keys raw SQL variants.</summary>
    public abstract string Name { get; }

    /// <summary>A description of the target for messages, such as <c>SQLite database 'app.db'</c>; never includes a password.</summary>
    public abstract string DisplayName { get; }

    /// <summary>The SQL generator.</summary>
    public abstract MigrationSqlGenerator SqlGenerator { get; }

    /// <summary>The schema reader.</summary>
    public abstract ISchemaReader SchemaReader { get; }

    /// <summary>
    /// Reads live table statistics and runs data checks for the risk report of a plan; <see langword="null"/> (the
    /// default) when the provider cannot, in which case a plan is graded on its statements alone and says so.
    /// </summary>
    public virtual Statistics.IDatabaseStatisticsReader? StatisticsReader => null;

    /// <summary>
    /// Reads the database's health (version, size, tables, lock waits, open transactions, slow statements) for
    /// <see cref="IMigrationRunner.GetHealthAsync"/>; <see langword="null"/> (the default) when the provider cannot, in
    /// which case the report holds only reachability, latency and the migration state, and says so.
    /// </summary>
    public virtual Health.IDatabaseHealthReader? HealthReader => null;

    /// <summary>
    /// How long a statement of <paramref name="migration"/> may wait for a table lock before it gives up, as the
    /// provider sets it before the migration (<see cref="BeforeMigrationAsync"/>); <see langword="null"/> (the default)
    /// when no limit is set, so a statement queued behind a long transaction waits, and blocks everyone queued behind it.
    /// </summary>
    /// <param name="migration">The migration.</param>
    /// <returns>The limit, or <see langword="null"/> for none.</returns>
    public virtual TimeSpan? LockTimeoutFor(MigrationInfo migration) => null;

    /// <summary>Opens a connection for a session.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open connection; returned with <see cref="ReleaseConnectionAsync"/>.</returns>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Gives back a connection from <see cref="OpenConnectionAsync"/>. The default disposes it.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>A task that completes when the connection is released.</returns>
    public virtual ValueTask ReleaseConnectionAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.DisposeAsync();
    }

    /// <summary>
    /// Takes the run-level lock that keeps concurrent runners apart. The default takes none, for databases whose
    /// transactions already serialize writers (each migration's transaction re-checks the history inside it).
    /// </summary>
    /// <param name="session">The runner's session.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lock; disposing it releases the lock.</returns>
    public virtual ValueTask<IAsyncDisposable> AcquireLockAsync(MigrationSession session, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IAsyncDisposable>(NothingToRelease.Instance);

    /// <summary>Begins a transaction in which a migration and its history row are written.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancels the begin.</param>
    /// <returns>The transaction.</returns>
    public virtual ValueTask<DbTransaction> BeginTransactionAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Connection.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>
    /// Runs before a migration's statements, inside its transaction when it has one: where a provider applies the
    /// migration's <see cref="MigrationInfo.LockTimeout"/> and <see cref="MigrationInfo.StatementTimeout"/>.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="migration">The migration about to run.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>A task that completes when the session is ready.</returns>
    public virtual ValueTask BeforeMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// The statements <see cref="BeforeMigrationAsync"/> runs for a migration inside its transaction, for the runner to
    /// send in the same round trip as its re-check of the migration's history row (one command on a connection that
    /// can batch, <see cref="DbConnection.CanCreateBatch"/>) instead of calling <see cref="BeforeMigrationAsync"/>. They
    /// must return no rows; a failure is reported as the runner's own statement failing, as from
    /// <see cref="BeforeMigrationAsync"/>. <see langword="null"/> (the default) when the provider cannot say, in which
    /// case the runner calls <see cref="BeforeMigrationAsync"/>; a migration without a transaction always gets that call.
    /// </summary>
    /// <param name="session">The session, inside the migration's transaction.</param>
    /// <param name="migration">The migration about to run.</param>
    /// <returns>The statements, in order (empty for none), or <see langword="null"/>.</returns>
    public virtual IReadOnlyList<string>? BeforeMigrationStatements(MigrationSession session, MigrationInfo migration) => null;

    /// <summary>
    /// Runs right after a migration's statements: inside its transaction (before the runner records the migration) when
    /// it has one, and right after them (also when one failed) when it has none. Where a provider puts back what the
    /// migration may have changed in the session (on PostgreSQL <c>search_path</c>, the role, <c>SET</c> variables), so that
    /// it reaches neither the runner's own statements nor the next migration. <see cref="MigrationSession.Operations"/>
    /// holds the migration's operations when known, so a provider can skip the work when none of them can have changed
    /// the session. The default does nothing.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="migration">The migration whose statements just ran.</param>
    /// <param name="cancellationToken">Cancels the reset.</param>
    /// <returns>A task that completes when the session is as the runner expects it.</returns>
    public virtual ValueTask AfterMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// Opens a scope for a write, outside any transaction, that need not reach the disk by itself: the "started" journal
    /// entry written just before a migration's transaction, which that transaction's commit then makes durable along
    /// with it. A process killed in between still leaves the entry (it was written, only not yet flushed); a power loss
    /// can lose it, and with it only the record of a step that never committed. SQLite in WAL mode skips the flush (one
    /// fsync less per migration); the default does nothing.
    /// </summary>
    /// <param name="session">The session, outside any transaction.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>A scope that restores the session's usual durability when disposed.</returns>
    public virtual ValueTask<IAsyncDisposable> BeginUnflushedWriteAsync(MigrationSession session, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IAsyncDisposable>(NothingToRelease.Instance);

    /// <summary>
    /// Runs just before a migration's transaction commits; throw to roll it back. SQLite checks foreign keys here,
    /// because its table rebuilds run with enforcement switched off.
    /// </summary>
    /// <param name="session">The session, inside the transaction.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the check passed.</returns>
    public virtual ValueTask BeforeCommitAsync(MigrationSession session, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// Whether <see cref="BeforeCommitAsync"/> works apart from the session's connection (on PostgreSQL, the check of the
    /// advisory lock on the lock's own connection), so that the runner may run it while it writes the migration's history
    /// and journal rows on the session, and wait for both before it commits: one round trip less on the way to the commit.
    /// <see langword="false"/> (the default) runs it after those rows, as a provider whose check reads the session needs.
    /// </summary>
    public virtual bool ChecksBeforeCommitApart => false;

    /// <summary>Creates the history and journal store bound to a session. The default keeps them in two SQL tables.</summary>
    /// <param name="session">The session.</param>
    /// <param name="options">Where the tables live.</param>
    /// <returns>The store.</returns>
    public virtual IMigrationHistory CreateHistory(MigrationSession session, MigrationHistoryOptions options) =>
        new SqlMigrationHistory(session, options);

    /// <summary>
    /// Creates the provider's backup writer, for checkpoints; <see langword="null"/> (the default) when the provider
    /// cannot take checkpoints.
    /// </summary>
    /// <returns>The backup, or <see langword="null"/>.</returns>
    public virtual IDatabaseBackup? CreateBackup() => null;

    /// <summary>
    /// Creates the provider's backup writer for a target whose history and journal tables are named by
    /// <paramref name="history"/> (a schema-level checkpoint keeps their rows). The default calls
    /// <see cref="CreateBackup()"/>, which assumes the default table names.
    /// </summary>
    /// <param name="history">Where the history and journal tables live.</param>
    /// <returns>The backup, or <see langword="null"/> when the provider cannot take checkpoints.</returns>
    public virtual IDatabaseBackup? CreateBackup(MigrationHistoryOptions history) => CreateBackup();

    /// <summary>Whether <paramref name="exception"/> means the connection itself failed (rather than a statement).</summary>
    /// <param name="exception">The exception thrown by the driver.</param>
    /// <returns><see langword="true"/> for connection failures.</returns>
    public virtual bool IsConnectionFailure(Exception exception) => false;

    /// <summary>
    /// Whether <paramref name="exception"/> (thrown by a migration's statement) means the statement gave up waiting for
    /// a lock another session holds, such as PostgreSQL's <c>lock_timeout</c> (SQLSTATE 55P03). The runner then retries
    /// the migration as <see cref="MigrationKitOptions.LockRetry"/> says. The default recognizes nothing.
    /// </summary>
    /// <param name="exception">The exception thrown by the driver.</param>
    /// <returns><see langword="true"/> for lock timeouts.</returns>
    public virtual bool IsLockTimeout(Exception exception) => false;

    /// <summary>
    /// Describes who blocked <paramref name="statement"/>: the table, and the session holding the lock on it (its process
    /// id, application, state, since when), with what to do. Called on the session after the failed attempt rolled back.
    /// The default knows nothing and returns <see langword="null"/>.
    /// </summary>
    /// <param name="session">The runner's session, outside any transaction.</param>
    /// <param name="statement">The statement that timed out, when known.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The description, or <see langword="null"/> when the blocker cannot be found.</returns>
    public virtual ValueTask<string?> DescribeLockConflictAsync(MigrationSession session, string? statement, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(null);

    /// <summary>
    /// Finds objects the database holds in an invalid state that an interrupted non-transactional step can leave behind
    /// (on PostgreSQL, an INVALID index from an interrupted <c>CREATE INDEX CONCURRENTLY</c>), each described with its
    /// remedy. The runner adds them to the <see cref="IncompleteMigrationException"/> that refuses to go on. The default
    /// finds none.
    /// </summary>
    /// <param name="session">The runner's session.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The descriptions; empty when there are none.</returns>
    public virtual ValueTask<IReadOnlyList<string>> FindInvalidObjectsAsync(MigrationSession session, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<string>>([]);

    /// <summary>
    /// Creates an empty scratch database of the same engine and settings as the target, into which drift detection
    /// replays the applied migrations (an in-memory database on SQLite, a new database on the same PostgreSQL server).
    /// The default cannot, and throws.
    /// </summary>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The shadow; disposing it deletes the scratch database.</returns>
    /// <exception cref="NotSupportedException">The provider cannot make a scratch database.</exception>
    public virtual ValueTask<ShadowDatabase> CreateShadowAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The {Name} provider cannot create a scratch (shadow) database, which drift detection replays the applied migrations into. Override MigrationProvider.CreateShadowAsync in the provider.");

    private sealed class NothingToRelease : IAsyncDisposable
    {
        public static readonly NothingToRelease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
