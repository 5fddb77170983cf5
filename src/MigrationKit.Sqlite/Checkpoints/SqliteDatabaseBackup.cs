using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MigrationKit.Checkpoints;
using MigrationKit.History;
using SQLitePCL;

namespace MigrationKit.Sqlite.Checkpoints;

/// <summary>
/// Checkpoints of an SQLite database: a file database is copied as it stands in one read transaction
/// (<see cref="SqliteFileCopy"/>) when that can be had at once, otherwise, and in memory, with the online backup API
/// (<c>sqlite3_backup_*</c>), which copies the pages of a live database while other connections keep using it. It restores by running the same API in the other direction:
/// from a verified temporary copy of the checkpoint into the live database.
/// </summary>
/// <remarks>
/// A restore writes the whole destination inside one write transaction of the live database (journaled, or in its
/// WAL), so a process killed part way leaves a hot journal (or an uncommitted WAL tail) that SQLite rolls back on the
/// next open: the old database comes back whole, and no stale <c>-wal</c> or <c>-shm</c> content is ever replayed over
/// the restored one, because the files are never swapped. In-memory databases are restored the same way, into the
/// provider's shared connection. Checkpoint files are written in rollback-journal mode (so that they can be opened
/// read-only anywhere) and created readable by their owner only.
/// </remarks>
internal sealed class SqliteDatabaseBackup : IDatabaseBackup
{
    /// <summary>Pages copied per backup step, between which cancellation is observed.</summary>
    internal const int DefaultStepPages = 1024;

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const int HeaderLength = 100;
    private static readonly TimeSpan BusyLimit = TimeSpan.FromSeconds(30);
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    private readonly SqliteMigrationProvider _provider;
    private readonly HashSet<string> _keptTables;

    /// <summary>Creates the backup of a provider's database.</summary>
    /// <param name="provider">The provider, whose connections (and, in memory, whose shared connection) are used.</param>
    /// <param name="history">Names the history and journal tables, whose rows a schema-level checkpoint keeps.</param>
    public SqliteDatabaseBackup(SqliteMigrationProvider provider, MigrationHistoryOptions history)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(history);
        _provider = provider;
        _keptTables = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { history.HistoryTable.Name, history.JournalTable.Name, history.RunsTable.Name };
    }

    /// <inheritdoc />
    public string FileExtension => ".db";

    /// <summary>Pages copied per step; smaller steps observe cancellation sooner. Tests shrink it to stretch a restore.</summary>
    internal int StepPages { get; init; } = DefaultStepPages;

    /// <summary>Called after each step of a restore with the pages still to copy; the safety runner prints it.</summary>
    internal Action<int>? RestoreProgress { get; init; }

    /// <inheritdoc />
    public async ValueTask<string> GetServerVersionAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _provider.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT sqlite_version()";
                return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) ?? string.Empty;
            }
        }
        finally
        {
            await _provider.ReleaseConnectionAsync(connection).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The path is empty, or the file exists already.</exception>
    /// <exception cref="CheckpointException">The file cannot be created or written, or the database cannot be read.</exception>
    public async ValueTask BackupAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        CheckLevel(level);
        var path = Path.GetFullPath(filePath);
        if (File.Exists(path))
        {
            throw new ArgumentException($"The checkpoint file '{path}' exists already; a backup never overwrites a file. Choose a new file name or delete the old file.", nameof(filePath));
        }

        CreateOwnerOnlyFile(path);
        try
        {
            var source = (SqliteConnection)await _provider.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!TryCopyFile(source, path, cancellationToken))
                {
                    using var destination = OpenFile(path, readOnly: false);

                    // The file is new and deleted on any failure, so its own journal would protect nothing: the copy
                    // writes without one and without syncing, and the file is synced once at the end.
                    Execute(destination, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
                    await CopyAsync(source, destination, null, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                await _provider.ReleaseConnectionAsync(source).ConfigureAwait(false);
            }

            using (var destination = OpenFile(path, readOnly: false))
            {
                // Rollback-journal mode (a WAL source's header says WAL), so that the file opens read-only without
                // -wal and -shm files beside it.
                Execute(destination, "PRAGMA journal_mode = DELETE");
                if (level == CheckpointLevel.Schema)
                {
                    RemoveUserRows(destination, cancellationToken);
                }
            }

            using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(path);
            throw new CheckpointException($"Could not write the checkpoint file '{path}' of {_provider.DisplayName}: {e.Message} Check that the folder exists, is writable and has space, then take the checkpoint again.", e);
        }
        catch
        {
            DeleteQuietly(path);
            throw;
        }
    }

    /// <summary>
    /// The fast path: a file database copied as it stands in one read transaction (<see cref="SqliteFileCopy"/>);
    /// <see langword="false"/> for an in-memory database, or when no consistent file copy can be had now.
    /// </summary>
    private static bool TryCopyFile(SqliteConnection source, string path, CancellationToken cancellationToken)
    {
        if (DatabaseFile(source) is not { Length: > 0 } databaseFile)
        {
            return false;
        }

        using var destination = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None, bufferSize: 0);
        return SqliteFileCopy.TryCopy(source, databaseFile, destination, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask VerifyAsync(string filePath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        Verify(Path.GetFullPath(filePath), Path.GetFullPath(filePath), cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="CheckpointException">The file is missing or damaged, or the database could not be written; the database is as it was.</exception>
    public async ValueTask RestoreAsync(string filePath, CheckpointLevel level, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        CheckLevel(level);
        var path = Path.GetFullPath(filePath);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"The checkpoint file '{path}' does not exist, so {_provider.DisplayName} was not restored. Restore another checkpoint, or put the file back.");
        }

        var destination = (SqliteConnection)await _provider.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        string? temporary = null;
        try
        {
            temporary = TemporaryPathBeside(destination);
            await CopyFileAsync(path, temporary, cancellationToken).ConfigureAwait(false);
            Verify(temporary, path, cancellationToken);
            using var source = OpenFile(temporary, readOnly: true);
            Execute(destination, "PRAGMA busy_timeout = " + ((int)BusyLimit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            await CopyAsync(source, destination, RestoreProgress, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Could not restore {_provider.DisplayName} from the checkpoint file '{path}': {e.Message} The database is as it was; close connections that hold long transactions, check free space beside the database, and restore again.", e);
        }
        finally
        {
            await _provider.ReleaseConnectionAsync(destination).ConfigureAwait(false);
            if (temporary is not null)
            {
                DeleteQuietly(temporary);
            }
        }
    }

    private static void CheckLevel(CheckpointLevel level)
    {
        if (!Enum.IsDefined(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The level must be CheckpointLevel.Full or CheckpointLevel.Schema.");
        }
    }

    /// <summary>Checks the header, the length the header promises and <c>PRAGMA integrity_check</c>, with the file opened read-only.</summary>
    private static void Verify(string path, string shownPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path))
        {
            throw new CheckpointException($"The checkpoint file '{shownPath}' does not exist. Restore another checkpoint, or put the file back.");
        }

        CheckHeader(path, shownPath);
        var problems = new List<string>();
        try
        {
            using var connection = OpenFile(path, readOnly: true);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check(20)";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }
        catch (SqliteException e)
        {
            throw new CheckpointException($"The checkpoint file '{shownPath}' is damaged or not an SQLite database: {e.Message} It cannot be restored; restore another checkpoint.", e);
        }

        if (problems is not ["ok"])
        {
            throw new CheckpointException($"The checkpoint file '{shownPath}' fails PRAGMA integrity_check: {string.Join("; ", problems)}. It cannot be restored; restore another checkpoint.");
        }
    }

    /// <summary>The file starts with SQLite's magic string and is at least as long as its header says (when the header's count is valid).</summary>
    private static void CheckHeader(string path, string shownPath)
    {
        var header = new byte[HeaderLength];
        long length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            length = stream.Length;
            stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);
        }

        if (length < HeaderLength || !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointException($"The checkpoint file '{shownPath}' is not an SQLite database ({length} bytes, without the SQLite header). It cannot be restored; restore another checkpoint.");
        }

        var pageSize = (int)BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        pageSize = pageSize == 1 ? 65536 : pageSize;
        var pageCount = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        var expected = (long)pageSize * pageCount;
        if (validFor == changeCounter && length < expected)
        {
            throw new CheckpointException($"The checkpoint file '{shownPath}' is truncated: {length} bytes where its header promises {expected}. It cannot be restored; restore another checkpoint.");
        }
    }

    private static SqliteConnection OpenFile(string path, bool readOnly)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CreateOwnerOnlyFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            new FileStream(path, options).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"Could not create the checkpoint file '{path}': {e.Message} Check that the folder exists and is writable.", e);
        }
    }

    private static async Task CopyFileAsync(string from, string to, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(to, options);
            await using (output.ConfigureAwait(false))
            {
                await input.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static void DeleteQuietly(string path)
    {
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind; the next checkpoint uses another name.
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Copies every page of <paramref name="source"/> into <paramref name="destination"/> with the online backup API,
    /// <see cref="StepPages"/> pages per step. The destination's write transaction spans all the steps and commits
    /// with the last one; finishing early (cancellation, an error) rolls it back.
    /// </summary>
    private async Task CopyAsync(SqliteConnection source, SqliteConnection destination, Action<int>? progress, CancellationToken cancellationToken)
    {
        var backup = raw.sqlite3_backup_init(destination.Handle, "main", source.Handle, "main");
        if (backup is null || backup.IsInvalid)
        {
            throw new SqliteException(raw.sqlite3_errmsg(destination.Handle).utf8_to_string(), raw.sqlite3_errcode(destination.Handle), raw.sqlite3_extended_errcode(destination.Handle));
        }

        try
        {
            var busySince = (long?)null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rc = raw.sqlite3_backup_step(backup, StepPages);
                if (rc == raw.SQLITE_DONE)
                {
                    return;
                }

                if (rc == raw.SQLITE_OK)
                {
                    busySince = null;
                    progress?.Invoke(raw.sqlite3_backup_remaining(backup));
                    continue;
                }

                if (rc is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
                {
                    busySince ??= Environment.TickCount64;
                    if (Environment.TickCount64 - busySince > BusyLimit.TotalMilliseconds)
                    {
                        throw new CheckpointException($"{_provider.DisplayName} stayed locked by another connection for {BusyLimit.TotalSeconds:0} seconds, so the copy was abandoned. Let long transactions finish, then try again.");
                    }

                    await Task.Delay(20, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new SqliteException(raw.sqlite3_errmsg(destination.Handle).utf8_to_string(), rc, raw.sqlite3_extended_errcode(destination.Handle));
            }
        }
        finally
        {
            raw.sqlite3_backup_finish(backup);
        }
    }

    /// <summary>
    /// Deletes the rows of every user table of a fresh checkpoint file, except the history and journal tables, then
    /// vacuums so that no deleted row stays in a free page. Triggers are dropped for the deletes and created again
    /// with their own SQL, so a delete trigger cannot write anything; foreign keys are not enforced on this connection.
    /// </summary>
    private void RemoveUserRows(SqliteConnection connection, CancellationToken cancellationToken)
    {
        Execute(connection, "PRAGMA foreign_keys = OFF");
        var triggers = new List<(string Name, string Sql)>();
        var tables = new List<string>();
        using (var transaction = connection.BeginTransaction())
        {
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY rowid";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    triggers.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var name = reader.GetString(0);
                    if (!_keptTables.Contains(name))
                    {
                        tables.Add(name);
                    }
                }
            }

            foreach (var (name, _) in triggers)
            {
                Execute(connection, "DROP TRIGGER main." + Quote(name));
            }

            foreach (var table in tables)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Execute(connection, "DELETE FROM main." + Quote(table));
            }

            if (HasSequenceTable(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM main.sqlite_sequence WHERE name NOT IN (" + string.Join(", ", _keptTables.Select((_, i) => "$k" + i.ToString(CultureInfo.InvariantCulture))) + ")";
                var index = 0;
                foreach (var kept in _keptTables)
                {
                    command.Parameters.AddWithValue("$k" + index++.ToString(CultureInfo.InvariantCulture), kept);
                }

                command.ExecuteNonQuery();
            }

            foreach (var (_, sql) in triggers)
            {
                Execute(connection, sql);
            }

            transaction.Commit();
        }

        Execute(connection, "VACUUM");
    }

    private static bool HasSequenceTable(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The file of the connection's main database; empty for an in-memory one.</summary>
    private static string? DatabaseFile(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT file FROM pragma_database_list WHERE name = 'main'";
        return command.ExecuteScalar() as string;
    }

    /// <summary>A new file name beside the live database (same file system, same permissions), or in the temp folder for an in-memory one.</summary>
    private static string TemporaryPathBeside(SqliteConnection connection)
    {
        var file = DatabaseFile(connection);
        var folder = string.IsNullOrEmpty(file) ? Path.GetTempPath() : Path.GetDirectoryName(file)!;
        var name = string.IsNullOrEmpty(file) ? "memory" : Path.GetFileName(file);
        return Path.Combine(folder, $".{name}.restore-{Guid.NewGuid():N}.tmp");
    }
}
