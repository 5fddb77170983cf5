using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;
using MigrationKit.Sqlite.Checkpoints;

namespace MigrationKit.Sqlite;

/// <summary>
/// The SQLite provider. Every connection it hands out has foreign-key enforcement switched off, because table
/// rebuilds drop and recreate tables that others reference; <see cref="BeforeCommitAsync"/> checks the keys
/// instead, inside each migration's transaction. There is no run-level lock: Microsoft.Data.Sqlite begins
/// transactions with <c>BEGIN IMMEDIATE</c>, which serializes writers, and the runner re-checks the history
/// inside each migration's transaction.
/// </summary>
/// <remarks>
/// An in-memory database (<c>Data Source=:memory:</c>, <c>Mode=Memory</c>, or an empty data source, which SQLite
/// makes a private temporary database) lives only as long as a connection to it, so the provider keeps one
/// connection open for its own lifetime, hands that same connection to every session and lets one session at a
/// time use it.
/// </remarks>
internal sealed class SqliteMigrationProvider : MigrationProvider, IAsyncDisposable, IDisposable
{
    private const int MaxListedViolations = 50;

    private const int MaxSettingsKept = 64;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string ConnectionString, bool InMemory, string DisplayName)> Settings = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly bool _inMemory;
    private readonly SemaphoreSlim _memoryGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DbConnection, CancellationTokenRegistration> _interrupts = new();
    private int _interruptsRegistered;
    private SqliteConnection? _memoryConnection;
    private bool _disposed;

    /// <summary>Creates a provider for the database a connection string names.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, such as <c>Data Source=app.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or malformed; the message never repeats a password.</exception>
    public SqliteMigrationProvider(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        (_connectionString, _inMemory, DisplayName) = Settings.TryGetValue(connectionString, out var known) ? known : Parse(connectionString);
    }

    /// <summary>
    /// Parses a connection string (a new runner per startup builds a provider each time). What it gives is a pure
    /// function of the string, so it is kept for the process, for a bounded number of strings.
    /// </summary>
    private static (string ConnectionString, bool InMemory, string DisplayName) Parse(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // The driver's messages name a position, a keyword or a non-secret value, never the password.
            throw new ArgumentException($"The SQLite connection string is not valid: {e.Message} Write it as 'Data Source=<file>' with optional Microsoft.Data.Sqlite keywords.", nameof(connectionString), e);
        }

        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory
            || dataSource.Length == 0
            || dataSource == ":memory:"
            || dataSource.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase);

        // Our own pool: connections that had enforcement switched off never go back to a pool the application shares.
        builder.ForeignKeys = false;
        var parsed = (builder.ToString(), inMemory, $"SQLite database '{dataSource}'");
        if (Settings.Count < MaxSettingsKept)
        {
            Settings.TryAdd(connectionString, parsed);
        }

        return parsed;
    }

    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override string DisplayName { get; }

    /// <inheritdoc />
    public override MigrationSqlGenerator SqlGenerator { get; } = new SqliteSqlGenerator();

    /// <inheritdoc />
    public override ISchemaReader SchemaReader { get; } = new SqliteSchemaReader();

    /// <summary>A private in-memory database, gone when the shadow is disposed.</summary>
    /// <param name="cancellationToken">Not used: nothing is opened until the shadow is used.</param>
    /// <returns>The shadow.</returns>
    public override ValueTask<ShadowDatabase> CreateShadowAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ValueTask.FromResult(new ShadowDatabase(new SqliteMigrationProvider("Data Source=:memory:")));
    }

    /// <summary>Reads plan statistics: <c>sqlite_stat1</c> or a bounded count per table, and the data checks.</summary>
    public override MigrationKit.Statistics.IDatabaseStatisticsReader StatisticsReader => field ??= new Statistics.SqliteStatisticsReader(SqlGenerator);

    /// <summary>Reads health: the library version, the file's size and every table's rows; says what SQLite does not have.</summary>
    public override MigrationKit.Health.IDatabaseHealthReader HealthReader => field ??= new Health.SqliteHealthReader(StatisticsReader);

    /// <summary>Opens a connection with foreign-key enforcement off; for an in-memory database, waits for the one shared connection.</summary>
    /// <param name="cancellationToken">Cancels the open or the wait.</param>
    /// <returns>The open connection; give it back with <see cref="ReleaseConnectionAsync"/>.</returns>
    /// <exception cref="SqliteException">The database cannot be opened (for example, its directory does not exist).</exception>
    /// <exception cref="ObjectDisposedException">The provider was disposed.</exception>
    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_inMemory)
        {
            var connection = new SqliteConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await SwitchOffForeignKeysAsync(connection, cancellationToken).ConfigureAwait(false);

                // Microsoft.Data.Sqlite waits for another writer's lock (SQLITE_BUSY) in a synchronous retry loop that
                // does not look at the token; interrupting the connection ends that wait (and a long statement) when
                // the session is cancelled. The runner reports the interrupted statement as the cancellation.
                if (cancellationToken.CanBeCanceled)
                {
                    AddInterrupt(connection, cancellationToken);
                }

                return connection;
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        await _memoryGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_memoryConnection is null)
            {
                var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                _memoryConnection = connection;
            }

            await SwitchOffForeignKeysAsync(_memoryConnection, cancellationToken).ConfigureAwait(false);

            // As for a file: the session's cancellation interrupts a long statement on the shared connection.
            if (cancellationToken.CanBeCanceled)
            {
                AddInterrupt(_memoryConnection, cancellationToken);
            }

            return _memoryConnection;
        }
        catch
        {
            _memoryGate.Release();
            throw;
        }
    }

    /// <summary>
    /// For a file database, waits until no other connection holds the database's write lock (another runner in the
    /// middle of a migration, or a long write transaction), polling asynchronously so that the caller's cancellation
    /// ends the wait promptly; it holds nothing afterwards (each migration's <c>BEGIN IMMEDIATE</c> serializes writers).
    /// The wait is bounded by the connection string's <c>Default Timeout</c> (30 s unless set).
    /// </summary>
    /// <param name="session">The runner's session.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>Nothing to release.</returns>
    /// <exception cref="MigrationLockTimeoutException">The write lock stayed taken for the whole timeout.</exception>
    public override async ValueTask<IAsyncDisposable> AcquireLockAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_inMemory && session.Connection is SqliteConnection connection)
        {
            await WaitForWriteLockAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        return await base.AcquireLockAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes a file connection; for the shared in-memory connection, keeps it open and lets the next session have it.</summary>
    /// <param name="connection">The connection from <see cref="OpenConnectionAsync"/>.</param>
    /// <returns>A task that completes when the connection is released.</returns>
    public override ValueTask ReleaseConnectionAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!ReferenceEquals(connection, _memoryConnection))
        {
            RemoveInterrupt(connection);
            return connection.DisposeAsync();
        }

        RemoveInterrupt(connection);
        if (!_disposed)
        {
            _memoryGate.Release();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs <c>PRAGMA foreign_key_check</c> inside the transaction and fails when any row references a missing parent,
    /// which a table rebuild or a data step can cause while enforcement is off.
    /// </summary>
    /// <remarks>
    /// The whole database is checked unless <see cref="MigrationSession.Operations"/> shows that the transaction only
    /// created tables and indexes (and schemas, which SQLite ignores): rows cannot break a key then, so only the new
    /// tables' own foreign keys are checked, for references to columns that are not a key. Checking every table costs
    /// time in proportion to the number of tables, on every migration.
    /// </remarks>
    /// <param name="session">The session, inside the migration's transaction.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when every foreign key holds.</returns>
    /// <exception cref="MigrationKitException">Some rows violate foreign keys (the message lists them), or a foreign key references columns that are not a key.</exception>
    public override async ValueTask BeforeCommitAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var scope = session.Operations is { } operations ? NewTablesWithForeignKeys(operations) : null;
        var checks = scope is null ? ["PRAGMA foreign_key_check"] : scope.Select(t => $"PRAGMA foreign_key_check({SqlGenerator.QuoteIdentifier(t)})");
        var violations = new List<string>();
        var count = 0;
        foreach (var check in checks)
        {
            count += await CheckForeignKeysAsync(session, check, violations, cancellationToken).ConfigureAwait(false);
        }

        if (count == 0)
        {
            return;
        }

        var message = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{count} row(s) of {DisplayName} violate foreign keys, so the migration is not committed: ");
        message.AppendJoin("; ", violations);
        if (count > MaxListedViolations)
        {
            message.Append(CultureInfo.InvariantCulture, $"; and {count - MaxListedViolations} more");
        }

        message.Append(". Fix the data (delete or correct those rows, or insert the missing parents) or the migration, then run it again.");
        throw new MigrationKitException(message.ToString());
    }

    /// <summary>
    /// In WAL mode with <c>synchronous = FULL</c> (the default), lowers the session to <c>NORMAL</c> for the write: the
    /// entry goes to the WAL without its own fsync, and the migration's commit, which syncs the WAL, makes it durable.
    /// Other journal modes, in-memory databases and sessions already below <c>FULL</c> are left as they are.
    /// </summary>
    /// <param name="session">The session, outside any transaction.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>A scope that puts <c>synchronous</c> back when disposed.</returns>
    public override async ValueTask<IAsyncDisposable> BeginUnflushedWriteAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_inMemory || session.Transaction is not null || session.Connection is not SqliteConnection connection)
        {
            return await base.BeginUnflushedWriteAsync(session, cancellationToken).ConfigureAwait(false);
        }

        // Both settings in one statement: this runs before every migration.
        var (wal, synchronous) = await JournalSettingsAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!wal || synchronous < 2)
        {
            return await base.BeginUnflushedWriteAsync(session, cancellationToken).ConfigureAwait(false);
        }

        await ScalarAsync(connection, "PRAGMA synchronous = NORMAL", cancellationToken).ConfigureAwait(false);
        return new SynchronousRestore(connection, synchronous);
    }

    /// <summary>Creates the backup writer for checkpoints, for the default history and journal table names.</summary>
    /// <returns>The backup.</returns>
    public override IDatabaseBackup CreateBackup() => CreateBackup(new MigrationHistoryOptions());

    /// <summary>Creates the backup writer for checkpoints: the online backup API, in both directions.</summary>
    /// <param name="history">Names the history and journal tables, whose rows a schema-level checkpoint keeps.</param>
    /// <returns>The backup.</returns>
    public override IDatabaseBackup CreateBackup(MigrationHistoryOptions history)
    {
        ArgumentNullException.ThrowIfNull(history);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SqliteDatabaseBackup(this, history);
    }

    /// <summary>
    /// Whether the driver failed to open, read or write the database file itself: SQLITE_CANTOPEN, SQLITE_NOTADB,
    /// SQLITE_CORRUPT, SQLITE_IOERR, SQLITE_READONLY or SQLITE_PERM.
    /// </summary>
    /// <param name="exception">The exception thrown by the driver.</param>
    /// <returns><see langword="true"/> for failures of the database file rather than of a statement.</returns>
    public override bool IsConnectionFailure(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_READONLY or SQLitePCL.raw.SQLITE_PERM };

    private async Task WaitForWriteLockAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(connection.DefaultTimeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // The driver retries a busy BEGIN in a blocking loop for CommandTimeout seconds: keep each try short.
                await ExecuteAsync(connection, "BEGIN IMMEDIATE", commandTimeoutSeconds: 1, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, "ROLLBACK", commandTimeoutSeconds: 1, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED)
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) >= timeout)
                {
                    throw new MigrationLockTimeoutException(DisplayName, timeout, "another connection holds the database's write lock (another runner's migration, or a long write transaction)");
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            command.CommandTimeout = commandTimeoutSeconds;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Interrupt(SqliteConnection connection)
    {
        if (connection.State == System.Data.ConnectionState.Open && connection.Handle is { } handle)
        {
            SQLitePCL.raw.sqlite3_interrupt(handle);
        }
    }

    /// <summary>Closes the shared in-memory connection, which discards an in-memory database.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _memoryConnection?.Dispose();
        _memoryGate.Dispose();
    }

    /// <summary>Closes the shared in-memory connection, which discards an in-memory database.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_memoryConnection is not null)
        {
            await _memoryConnection.DisposeAsync().ConfigureAwait(false);
        }

        _memoryGate.Dispose();
    }

    /// <summary>
    /// The tables to check when <paramref name="operations"/> only create tables, indexes and schemas: the new tables
    /// that have foreign keys (they are empty, so only a reference to columns that are not a key can fail). Any other
    /// operation (data, raw SQL, a rebuild, a drop, a rename) can leave rows without a parent anywhere: <see langword="null"/>,
    /// check everything.
    /// </summary>
    private static List<string>? NewTablesWithForeignKeys(IReadOnlyList<MigrationOperation> operations)
    {
        var tables = new List<string>();
        foreach (var operation in operations)
        {
            var scope = operation.Accept(SqliteForeignKeyScope.Of);
            if (scope.Everything)
            {
                return null;
            }

            if (scope.NewTable is { } table)
            {
                tables.Add(table);
            }
        }

        return tables;
    }

    /// <summary>Runs one <c>PRAGMA foreign_key_check</c>, lists the first violations and returns how many it found.</summary>
    private async Task<int> CheckForeignKeysAsync(MigrationSession session, string check, List<string> violations, CancellationToken cancellationToken)
    {
        var count = 0;
        var command = session.CreateCommand(check);
        await using (command.ConfigureAwait(false))
        {
            try
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        count++;
                        if (violations.Count < MaxListedViolations)
                        {
                            var row = reader.IsDBNull(1) ? "a row" : string.Create(CultureInfo.InvariantCulture, $"rowid {reader.GetInt64(1)}");
                            violations.Add($"table \"{reader.GetString(0)}\" {row} references a missing row of \"{reader.GetString(2)}\"");
                        }
                    }
                }
            }
            catch (SqliteException e) when (e.Message.Contains("foreign key mismatch", StringComparison.Ordinal))
            {
                throw new MigrationKitException(
                    $"The foreign keys of {DisplayName} cannot be checked: a foreign key references columns that are neither the primary key nor unique ({e.Message}). Add a primary key or unique constraint on the referenced columns, or change the foreign key.",
                    e);
            }
        }

        return count;
    }

    /// <summary>Whether the connection's database is in WAL mode, and its <c>synchronous</c> level, in one statement.</summary>
    private static async Task<(bool Wal, long Synchronous)> JournalSettingsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "SELECT j.journal_mode, s.synchronous FROM pragma_journal_mode AS j, pragma_synchronous AS s";
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? (string.Equals(reader.GetString(0), "wal", StringComparison.OrdinalIgnoreCase), reader.GetInt64(1))
                    : (false, 0);
            }
        }
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Puts a connection's <c>synchronous</c> setting back (see <see cref="BeginUnflushedWriteAsync"/>).</summary>
    private sealed class SynchronousRestore(SqliteConnection connection, long synchronous) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await ScalarAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA synchronous = {synchronous}"), CancellationToken.None).ConfigureAwait(false);
    }

    private void AddInterrupt(SqliteConnection connection, CancellationToken cancellationToken)
    {
        _interrupts[connection] = cancellationToken.Register(static c => Interrupt((SqliteConnection)c!), connection);
        Interlocked.Increment(ref _interruptsRegistered);
    }

    private void RemoveInterrupt(DbConnection connection)
    {
        // Counted rather than looked up: with no cancellable session open (a startup without a token) there is nothing
        // to remove, and the dictionary's lookup and IsEmpty both take its locks on every release.
        if (Volatile.Read(ref _interruptsRegistered) > 0 && _interrupts.TryRemove(connection, out var interrupt))
        {
            Interlocked.Decrement(ref _interruptsRegistered);
            interrupt.Dispose();
        }
    }

    private static async Task SwitchOffForeignKeysAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // A no-op inside a transaction, so it runs here, before the runner begins one. A table rebuild switches
        // legacy_alter_table on for one rename; should a failure leave it on, it is switched off here again.
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = OFF";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
