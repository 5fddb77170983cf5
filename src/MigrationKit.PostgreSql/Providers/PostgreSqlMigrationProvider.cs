using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.PostgreSql.Checkpoints;
using MigrationKit.Providers;
using Npgsql;

namespace MigrationKit.PostgreSql;

/// <summary>
/// The PostgreSQL provider: connections from an <see cref="NpgsqlDataSource"/>, a session-level advisory lock on a
/// connection of its own, <c>lock_timeout</c> and <c>statement_timeout</c> per migration, and the catalog reader.
/// </summary>
/// <remarks>
/// With <see cref="PostgreSqlMigrationOptions.Schema"/> set, the schema is created on first use when missing (after
/// checking <c>pg_namespace</c>, so that a role without the CREATE privilege on the database can use an existing
/// schema), and every session gets it as its <c>search_path</c>: in the startup packet for a data source the provider
/// built, with <c>SET search_path</c> on each connection of a data source the application owns.
/// </remarks>
internal sealed class PostgreSqlMigrationProvider : MigrationProvider, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly SharedDataSourceLease? _lease;
    /// <summary>What Npgsql sends to reset a pooled connection's settings, for the session a migration leaves behind.</summary>
    private const string ResetSessionSql = "SET SESSION AUTHORIZATION DEFAULT; RESET ALL";

    private const int MaxConnectionStringsKept = 64;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string ConnectionString, string? Schema), (string Origin, string ConnectionString, string DisplayName)> KnownConnectionStrings = new();

    // The session's schema of each data source, as its first provider read it (kept while the data source lives).
    private static readonly ConditionalWeakTable<NpgsqlDataSource, string> DefaultSchemas = [];

    private readonly PostgreSqlMigrationOptions _options;
    private readonly string? _setSearchPath;
    private readonly PostgreSqlSqlGenerator _generator = new();
    private readonly ConditionalWeakTable<MigrationSession, PostgreSqlAdvisoryLock> _heldLocks = [];
    private readonly string _connectionString;
    private volatile bool _schemaEnsured;
    private volatile bool _firstConnectionChecked;
    private volatile string? _defaultSchema;
    private bool _disposed;

    /// <summary>
    /// Creates a provider over the data source that <see cref="PostgreSqlSharedDataSources"/> shares for
    /// <paramref name="connectionString"/> (built on first use); disposing the provider lets go of it.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The options (copied).</param>
    /// <exception cref="ArgumentException">The connection string is empty or malformed; the message never repeats a password.</exception>
    public PostgreSqlMigrationProvider(string connectionString, PostgreSqlMigrationOptions options)
        : this(connectionString, options, shareDataSource: true)
    {
    }

    /// <summary>Creates a provider over a data source for <paramref name="connectionString"/>: the shared one, or one of its own that it disposes.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The options (copied).</param>
    /// <param name="shareDataSource">
    /// <see langword="false"/> for a database about to be dropped (a shadow): a pool of its own, closed with the provider,
    /// leaves no idle connection behind in the shared pools.
    /// </param>
    /// <exception cref="ArgumentException">The connection string is empty or malformed; the message never repeats a password.</exception>
    internal PostgreSqlMigrationProvider(string connectionString, PostgreSqlMigrationOptions options, bool shareDataSource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        var (origin, settings, displayName) = Settings(connectionString, _options.Schema, _generator);
        if (shareDataSource)
        {
            _lease = PostgreSqlSharedDataSources.Acquire(origin, settings);
            _dataSource = _lease.DataSource;
        }
        else
        {
            _dataSource = new NpgsqlDataSourceBuilder(settings).Build();
            _ownsDataSource = true;
        }

        _connectionString = settings;
        DisplayName = displayName;
        SchemaReader = new PostgreSqlSchemaReader(_generator);
        StatisticsReader = new Statistics.PostgreSqlStatisticsReader(_generator);
        HealthReader = new Health.PostgreSqlHealthReader(_generator);
    }

    /// <summary>Creates a provider over a data source that the caller owns (and disposes).</summary>
    /// <param name="dataSource">The data source.</param>
    /// <param name="options">The options (copied).</param>
    public PostgreSqlMigrationProvider(NpgsqlDataSource dataSource, PostgreSqlMigrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options.Clone();
        _setSearchPath = _options.Schema is { } schema ? "SET search_path TO " + _generator.QuoteIdentifier(schema) : null;
        DisplayName = Settings(dataSource.ConnectionString, schema: null, _generator).DisplayName;
        _connectionString = dataSource.ConnectionString;
        SchemaReader = new PostgreSqlSchemaReader(_generator);
        StatisticsReader = new Statistics.PostgreSqlStatisticsReader(_generator);
        HealthReader = new Health.PostgreSqlHealthReader(_generator);
    }

    /// <inheritdoc />
    public override string Name => "postgresql";

    /// <summary>The options (a copy of the caller's).</summary>
    internal PostgreSqlMigrationOptions Options => _options;

    /// <summary>
    /// A fresh copy of the connection settings, for the client tools of checkpoints. Over an application's data source
    /// it holds the password only when the data source keeps it (<c>Persist Security Info=true</c>).
    /// </summary>
    internal NpgsqlConnectionStringBuilder ConnectionSettings => new(_connectionString);

    /// <summary>The target as <c>PostgreSQL database 'app' on db.example.com:5432</c>; never the password.</summary>
    public override string DisplayName { get; }

    /// <inheritdoc />
    public override MigrationSqlGenerator SqlGenerator => _generator;

    /// <inheritdoc />
    public override ISchemaReader SchemaReader { get; }

    /// <summary>Reads plan statistics from the catalogs in one round trip.</summary>
    public override MigrationKit.Statistics.IDatabaseStatisticsReader StatisticsReader { get; }

    /// <summary>
    /// Reads health from the catalogs and statistics views in one round trip (a second one reads
    /// <c>pg_stat_statements</c> when it is installed and loaded).
    /// </summary>
    public override MigrationKit.Health.IDatabaseHealthReader HealthReader { get; }

    /// <summary>The migration's own lock timeout, or the options'; <see langword="null"/> when it is infinite (no limit).</summary>
    /// <param name="migration">The migration.</param>
    /// <returns>The limit, or <see langword="null"/>.</returns>
    public override TimeSpan? LockTimeoutFor(MigrationInfo migration)
    {
        ArgumentNullException.ThrowIfNull(migration);
        var timeout = migration.LockTimeout ?? _options.LockTimeout;
        return Milliseconds(timeout) == 0 ? null : timeout;
    }

    /// <summary>Opens a connection from the data source, with the configured schema (created when missing) as its <c>search_path</c>.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses the connection.</exception>
    /// <exception cref="ObjectDisposedException">The provider was disposed.</exception>
    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = await OpenFromDataSourceAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_options.Schema is { } schema && !_schemaEnsured)
            {
                await EnsureSchemaAsync(connection, schema, cancellationToken).ConfigureAwait(false);
                _schemaEnsured = true;
            }

            if (_setSearchPath is not null)
            {
                await ExecuteAsync(connection, _setSearchPath, cancellationToken).ConfigureAwait(false);
            }

            if (_options.Schema is null && _defaultSchema is null)
            {
                // Once per data source: the schema where unqualified history and journal tables live, so that the
                // runner's own statements name it and a migration's search_path cannot redirect them. A runner built per
                // startup over the application's data source finds it read by the first one.
                if (!DefaultSchemas.TryGetValue(_dataSource, out var current))
                {
                    current = await ScalarAsync(connection, "SELECT pg_catalog.current_schema()", cancellationToken).ConfigureAwait(false) as string;
                    if (current is not null)
                    {
                        DefaultSchemas.AddOrUpdate(_dataSource, current);
                    }
                }

                _defaultSchema = current;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The SQL history and journal, with every table name schema-qualified: a table without a schema gets the configured
    /// schema, or the session's schema when the provider first connected, so that no <c>search_path</c> a migration sets
    /// (a <c>pg_dump</c> script empties it) can redirect or break the runner's own statements.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="options">Where the tables live.</param>
    /// <returns>The store.</returns>
    public override IMigrationHistory CreateHistory(MigrationSession session, MigrationHistoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var schema = _options.Schema ?? _defaultSchema;
        if (schema is null || (options.HistoryTable.Schema is not null && options.JournalTable.Schema is not null && options.RunsTable.Schema is not null))
        {
            return base.CreateHistory(session, options);
        }

        var qualified = base.CreateHistory(session, new MigrationHistoryOptions
        {
            HistoryTable = options.HistoryTable.Schema is null ? options.HistoryTable with { Schema = schema } : options.HistoryTable,
            JournalTable = options.JournalTable.Schema is null ? options.JournalTable with { Schema = schema } : options.JournalTable,
            RunsTable = options.RunsTable.Schema is null ? options.RunsTable with { Schema = schema } : options.RunsTable,
        });
        return new SchemaQualifiedHistory(qualified, base.CreateHistory(session, options));
    }

    /// <summary>
    /// Puts back the session a migration may have changed, as Npgsql resets a pooled connection: <c>SET SESSION
    /// AUTHORIZATION DEFAULT; RESET ALL</c> (the role, <c>search_path</c> and every <c>SET</c> variable back to the
    /// connection's defaults), then the configured schema's <c>search_path</c> again over a data source the application
    /// owns. Inside a transactional migration it runs in its transaction before the history row is written, so it ends
    /// with it (a rollback undoes both the migration's settings and the reset); after a migration without a transaction
    /// it runs on its own, also after a failure. It is skipped for a transactional migration without raw SQL, which cannot
    /// have changed the session (the provider's own limits there are <c>SET LOCAL</c>).
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="migration">The migration whose statements ran.</param>
    /// <param name="cancellationToken">Cancels the reset.</param>
    /// <returns>A task that completes when the session is reset.</returns>
    /// <exception cref="MigrationBookkeepingException">The reset failed; the exception carries its statement.</exception>
    public override async ValueTask AfterMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Transaction is not null && session.Operations is { } operations && !operations.Any(o => o is SqlOperation))
        {
            return;
        }

        var reset = _setSearchPath is null ? ResetSessionSql : ResetSessionSql + "; " + _setSearchPath;
        try
        {
            await session.ExecuteAsync(reset, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (!IsConnectionFailure(e))
        {
            throw new MigrationBookkeepingException(reset, e);
        }
    }

    /// <summary>Creates the backup writer for checkpoints, for the default history and journal table names.</summary>
    /// <returns>The backup.</returns>
    public override IDatabaseBackup CreateBackup() => CreateBackup(new MigrationHistoryOptions());

    /// <summary>Creates the backup writer for checkpoints: pg_dump, and pg_restore piped into psql in one transaction.</summary>
    /// <param name="history">Names the history and journal tables, whose rows a schema-level checkpoint keeps.</param>
    /// <returns>The backup.</returns>
    public override IDatabaseBackup CreateBackup(MigrationHistoryOptions history)
    {
        ArgumentNullException.ThrowIfNull(history);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new PostgreSqlDatabaseBackup(this, history);
    }

    /// <summary>
    /// Takes the advisory lock keyed by the session's history table (see <see cref="AdvisoryLockKey"/>) on a dedicated
    /// connection, waiting up to <see cref="PostgreSqlMigrationOptions.LockWaitTimeout"/>.
    /// </summary>
    /// <param name="session">The runner's session.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The held lock; disposing it releases the lock and closes its connection.</returns>
    /// <exception cref="MigrationLockTimeoutException">Another session held the lock for the whole wait; the message names it (pid, application, state, since when).</exception>
    public override async ValueTask<IAsyncDisposable> AcquireLockAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_options.LockMode == PostgreSqlLockMode.Transaction)
        {
            // Taken per transaction instead, in BeginTransactionAsync.
            return NoRunLock.Instance;
        }

        var key = AdvisoryLockKey.For(session.HistoryTable, _options.Schema);
        var held = await PostgreSqlAdvisoryLock.AcquireAsync(_dataSource, key, _options.LockWaitTimeout, DisplayName, cancellationToken).ConfigureAwait(false);
        _heldLocks.AddOrUpdate(session, held);
        return held;
    }

    /// <summary>
    /// Begins a transaction; in <see cref="PostgreSqlLockMode.Transaction"/> mode, takes the transaction advisory lock
    /// (<c>pg_advisory_xact_lock</c>) first thing in it, waiting at most <see cref="PostgreSqlMigrationOptions.LockWaitTimeout"/>.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancels the begin and the wait.</param>
    /// <returns>The transaction, holding the lock until it ends.</returns>
    /// <exception cref="MigrationLockTimeoutException">Another transaction held the lock for the whole wait; the message names its session.</exception>
    public override async ValueTask<DbTransaction> BeginTransactionAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        var transaction = await base.BeginTransactionAsync(session, cancellationToken).ConfigureAwait(false);
        if (_options.LockMode != PostgreSqlLockMode.Transaction)
        {
            return transaction;
        }

        var key = AdvisoryLockKey.For(session.HistoryTable, _options.Schema);
        try
        {
            var command = new NpgsqlCommand($"SET LOCAL lock_timeout = {Milliseconds(_options.LockWaitTimeout)}; SELECT pg_catalog.pg_advisory_xact_lock(@key)", (NpgsqlConnection)session.Connection, (NpgsqlTransaction)transaction);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.AddWithValue("key", key.Value);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return transaction;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
            var holder = await PostgreSqlAdvisoryLock.DescribeHolderAsync((NpgsqlConnection)session.Connection, key, cancellationToken).ConfigureAwait(false);
            throw new MigrationLockTimeoutException(DisplayName, _options.LockWaitTimeout, holder);
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Sets <c>lock_timeout</c> and <c>statement_timeout</c> for the migration: its own limits when it sets them, the
    /// options' otherwise. <c>SET LOCAL</c> inside the migration's transaction (so they end with it), <c>SET</c> for a
    /// migration without one.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="migration">The migration about to run.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    /// <returns>A task that completes when the limits are set.</returns>
    public override async ValueTask BeforeMigrationAsync(MigrationSession session, MigrationInfo migration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(migration);
        await session.ExecuteAsync(string.Join("; ", TimeoutStatements(migration, session.Transaction is null ? "SET" : "SET LOCAL")), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>SET LOCAL</c> of <see cref="BeforeMigrationAsync"/> as statements, which the runner sends in the same round
    /// trip as its re-check of the history row, right after it.
    /// </summary>
    /// <param name="session">The session, inside the migration's transaction.</param>
    /// <param name="migration">The migration about to run.</param>
    /// <returns>The one statement that sets both limits.</returns>
    public override IReadOnlyList<string> BeforeMigrationStatements(MigrationSession session, MigrationInfo migration)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(migration);
        return TimeoutStatements(migration, "SET LOCAL");
    }

    /// <summary>
    /// <see langword="true"/>: the check before commit reads the lock's own connection (or, in
    /// <see cref="PostgreSqlLockMode.Transaction"/> mode, nothing), never the session's, so the runner runs it while it
    /// writes the history and journal rows.
    /// </summary>
    public override bool ChecksBeforeCommitApart => true;

    /// <summary>The migration's limits (its own, or the options'), one statement each: a batch command holds one statement.</summary>
    private string[] TimeoutStatements(MigrationInfo migration, string set) =>
    [
        $"{set} lock_timeout = {Milliseconds(migration.LockTimeout ?? _options.LockTimeout)}",
        $"{set} statement_timeout = {Milliseconds(migration.StatementTimeout ?? _options.StatementTimeout)}",
    ];

    /// <summary>
    /// In <see cref="PostgreSqlLockMode.Session"/> mode, checks (one round trip on the lock's connection) that the
    /// session advisory lock is still held before the migration's transaction commits. If the lock connection was ended
    /// (<c>pg_terminate_backend</c>, a network failure), the lock is gone and another runner may already hold it, so the
    /// migration is rolled back and the run stops with a <see cref="MigrationLockLostException"/> instead of going on
    /// unprotected. (The in-transaction re-check of the history row, and its primary key, cover the moment between this
    /// check and the commit.)
    /// </summary>
    /// <param name="session">The session, inside the transaction.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the lock is known to be held.</returns>
    /// <exception cref="MigrationLockLostException">The lock was lost.</exception>
    public override async ValueTask BeforeCommitAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        await EnsureLockHeldAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the exception is PostgreSQL's lock timeout (SQLSTATE 55P03, <c>lock_not_available</c>) on a statement.</summary>
    /// <param name="exception">The exception thrown by the driver.</param>
    /// <returns><see langword="true"/> for a lock timeout.</returns>
    public override bool IsLockTimeout(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable };

    /// <summary>
    /// Names the tables the timed-out statement refers to that other sessions hold locks on, with each session's pid,
    /// application, state, query and transaction start, lock mode and last query, from <c>pg_locks</c>,
    /// <c>pg_class</c> and <c>pg_stat_activity</c>, and the <c>pg_terminate_backend</c> call that would end it.
    /// </summary>
    /// <param name="session">The runner's session, outside any transaction.</param>
    /// <param name="statement">The statement that timed out.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The description, or <see langword="null"/> when no such session is left.</returns>
    public override async ValueTask<string?> DescribeLockConflictAsync(MigrationSession session, string? statement, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await PostgreSqlLockConflict.DescribeAsync(session, statement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The INVALID indexes of the database (left by an interrupted <c>CREATE INDEX CONCURRENTLY</c>), each with the <c>DROP INDEX CONCURRENTLY</c> that removes it.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The descriptions; empty when there are none.</returns>
    public override async ValueTask<IReadOnlyList<string>> FindInvalidObjectsAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await PostgreSqlInvalidIndexes.FindAsync(session, _generator, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the connection failed rather than a statement: a socket, stream or connect-timeout failure inside Npgsql,
    /// or a server error of class 08 (connection exception), 57P01–57P03 (shutdown, cannot connect now), 3D000 (no such
    /// database), 28000 or 28P01 (authentication).
    /// </summary>
    /// <param name="exception">The exception thrown by the driver.</param>
    /// <returns><see langword="true"/> for connection failures.</returns>
    public override bool IsConnectionFailure(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal)
            || e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidPassword,
        NpgsqlException e => HasTransportCause(e),
        _ => false,
    };

    /// <summary>
    /// Creates a new, empty database on the same server (from <c>template0</c>, named after the target with a
    /// <c>_mk_shadow_</c> suffix) with the same options; disposing the shadow drops it. Needs the <c>CREATEDB</c>
    /// privilege, and a password the connection settings keep.
    /// </summary>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The shadow.</returns>
    /// <exception cref="MigrationKitException">The database could not be created (the message says why and what to do).</exception>
    public override async ValueTask<ShadowDatabase> CreateShadowAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string name;
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var live = connection.Database;
            name = (live.Length > 40 ? live[..40] : live) + "_mk_shadow_" + Guid.NewGuid().ToString("N")[..8];
            try
            {
                await ExecuteAsync(connection, $"CREATE DATABASE {_generator.QuoteIdentifier(name)} TEMPLATE template0", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new MigrationKitException($"Could not create the scratch database '{name}' on the server of {DisplayName}, which drift detection replays the applied migrations into: {e.MessageText}. Grant the role CREATEDB (ALTER ROLE … CREATEDB), or run drift detection as a role that has it.", e);
            }
        }

        var settings = ConnectionSettings;
        settings.Database = name;
        var shadow = new PostgreSqlMigrationProvider(settings.ConnectionString, _options, shareDataSource: false);
        return new ShadowDatabase(shadow, () => DropDatabaseAsync(name));
    }

    private async ValueTask DropDatabaseAsync(string name)
    {
        var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // FORCE (PostgreSQL 13+) ends sessions a failed replay may have left behind.
            var force = connection.PostgreSqlVersion.Major >= 13 ? " WITH (FORCE)" : string.Empty;
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {_generator.QuoteIdentifier(name)}{force}", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Disposes the data source when the provider built one of its own; lets go of a shared one (disposed here only when
    /// it was cleared and this provider was its last user); leaves an application's data source alone.
    /// </summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        (_ownsDataSource ? _dataSource : _lease?.Release())?.Dispose();
    }

    /// <summary>
    /// Disposes the data source when the provider built one of its own; lets go of a shared one (disposed here only when
    /// it was cleared and this provider was its last user); leaves an application's data source alone.
    /// </summary>
    /// <returns>A task that completes when the data source is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if ((_ownsDataSource ? _dataSource : _lease?.Release()) is { } dataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The data source's shared state, for tests: whether two providers share one.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Describes the target as <c>PostgreSQL database 'app' on host:port</c>.</summary>
    /// <param name="builder">The parsed connection string.</param>
    /// <returns>The description, without the password.</returns>
    internal static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var database = builder.Database ?? builder.Username ?? "postgres";
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database '{database}' on {host}:{builder.Port}");
    }

    /// <summary>
    /// What a provider takes from a connection string: the string as parsed, with the configured schema's
    /// <c>search_path</c>, and the display name. A pure function of the string and the schema, kept for the process (for a
    /// bounded number of them) because a new runner per startup builds a provider each time and Npgsql's parsing is slow.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    private static (string Origin, string ConnectionString, string DisplayName) Settings(string connectionString, string? schema, PostgreSqlSqlGenerator generator)
    {
        if (KnownConnectionStrings.TryGetValue((connectionString, schema), out var known))
        {
            return known;
        }

        var builder = Parse(connectionString, nameof(connectionString));
        var origin = builder.ConnectionString;
        if (schema is not null)
        {
            builder.SearchPath = generator.QuoteIdentifier(schema);
        }

        var settings = (origin, builder.ConnectionString, Describe(builder));
        if (KnownConnectionStrings.Count < MaxConnectionStringsKept)
        {
            KnownConnectionStrings.TryAdd((connectionString, schema), settings);
        }

        return settings;
    }

    /// <summary>Parses a connection string, with an error that never repeats a password.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="parameterName">The parameter named by the error.</param>
    /// <returns>The parsed connection string.</returns>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    internal static NpgsqlConnectionStringBuilder Parse(string connectionString, string parameterName)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's messages name the keyword or a non-secret value, never the password.
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message} Write it as 'Host=…;Port=…;Database=…;Username=…' with optional Npgsql keywords.", parameterName, e);
        }
    }

    /// <summary>
    /// Opens a connection from the data source. From a shared one, the provider's first connection is checked with one
    /// round trip (that also reads the session's schema): an idle pooled connection the server ended since the last
    /// runner (a restart, <c>pg_terminate_backend</c>) would otherwise fail this runner's first statement, so the idle
    /// connections are cleared and one new connection is opened instead. When a shared data source cannot connect at
    /// all (wrong password, missing database, server gone), it is forgotten so that neither the failure nor its idle
    /// connections are kept for the next runner.
    /// </summary>
    private async ValueTask<NpgsqlConnection> OpenFromDataSourceAsync(CancellationToken cancellationToken)
    {
        if (_lease is null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (_firstConnectionChecked)
            {
                return connection;
            }

            try
            {
                await CheckFirstConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                _dataSource.Clear();
            }

            connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await CheckFirstConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            _lease.ForgetAfterFailure();
            throw;
        }
    }

    private async Task CheckFirstConnectionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var schema = await ScalarAsync(connection, "SELECT pg_catalog.current_schema()", cancellationToken).ConfigureAwait(false) as string;
        if (_options.Schema is null)
        {
            _defaultSchema ??= schema;
        }

        _firstConnectionChecked = true;
    }

    private async Task EnsureLockHeldAsync(MigrationSession session, CancellationToken cancellationToken)
    {
        if (_options.LockMode == PostgreSqlLockMode.Session && _heldLocks.TryGetValue(session, out var held))
        {
            await held.EnsureHeldAsync(DisplayName, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class NoRunLock : IAsyncDisposable
    {
        public static readonly NoRunLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static bool HasTransportCause(Exception exception)
    {
        for (var cause = exception.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is IOException or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    private static long Milliseconds(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan ? 0 : Math.Clamp((long)Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureSchemaAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = @schema)", connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.AddWithValue("schema", schema);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return;
            }
        }

        try
        {
            await ExecuteAsync(connection, "CREATE SCHEMA IF NOT EXISTS " + _generator.QuoteIdentifier(schema), cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema)
        {
            // Another runner created it at the same moment: IF NOT EXISTS does not cover that race.
        }
    }
}
