using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace MigrationKit.Sqlite.Checkpoints;

/// <summary>
/// Copies the file of a live SQLite database as it stands in one read transaction: the fast path of a checkpoint, a
/// sequential copy of the file instead of the online backup API's page-by-page copy through two page caches.
/// </summary>
/// <remarks>
/// <para>
/// Consistency. In rollback-journal modes the read transaction's shared lock keeps every writer from changing the file
/// until it ends. In WAL mode the file alone is the database only when the transaction reads no WAL frame, so the WAL is
/// first checkpointed and truncated, and the copy goes ahead only if the WAL file is still empty once the transaction
/// has begun: a reader that uses no WAL frame blocks every later checkpoint from writing into the file until it ends.
/// When that cannot be had (another reader still uses the WAL, a writer got in between), the copy is not attempted and
/// the caller uses the backup API.
/// </para>
/// <para>
/// The bytes are read through SQLite's own open file (<c>SQLITE_FCNTL_FILE_POINTER</c> and its <c>xRead</c>), never
/// through a second descriptor: on POSIX systems closing any descriptor of the file would drop every lock this process
/// holds on it, the read transaction's and other connections' alike. Where the native entry point is not there (another
/// SQLite build than <c>e_sqlite3</c>), the copy is not attempted either.
/// </para>
/// </remarks>
internal static unsafe partial class SqliteFileCopy
{
    private const int FileControlFilePointer = 7;
    private const int ChunkBytes = 1 << 20;

    /// <summary>Whether the native entry point was found; set to <see langword="false"/> the first time it is not.</summary>
    private static bool s_nativeAvailable = true;

    /// <summary>
    /// Writes the database of <paramref name="source"/> (a file database) into <paramref name="destination"/>, or
    /// returns <see langword="false"/> without writing anything when a consistent file copy cannot be had now.
    /// </summary>
    /// <param name="source">An open connection to the database, not in a transaction.</param>
    /// <param name="databaseFile">The database's file (from <c>pragma_database_list</c>).</param>
    /// <param name="destination">The new, empty checkpoint file, written from its start.</param>
    /// <param name="cancellationToken">Observed between chunks.</param>
    /// <returns><see langword="true"/> when the file was copied.</returns>
    public static bool TryCopy(SqliteConnection source, string databaseFile, Stream destination, CancellationToken cancellationToken)
    {
        if (!s_nativeAvailable)
        {
            return false;
        }

        var wal = string.Equals(Scalar(source, "PRAGMA journal_mode") as string, "wal", StringComparison.OrdinalIgnoreCase);
        if (wal && !TruncateWal(source))
        {
            return false;
        }

        using var transaction = source.BeginTransaction(deferred: true);

        // The first read starts the read transaction (a shared lock, or a WAL snapshot) and gives the length to copy.
        var length = Convert.ToInt64(Scalar(source, "SELECT (SELECT page_count FROM pragma_page_count) * (SELECT page_size FROM pragma_page_size)"), CultureInfo.InvariantCulture);
        if (wal && WalHasFrames(databaseFile))
        {
            return false;
        }

        nint file;
        try
        {
            file = MainFile(source);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_nativeAvailable = false;
            return false;
        }

        if (file == 0)
        {
            return false;
        }

        Copy(file, length, destination, cancellationToken);
        transaction.Commit();
        return true;
    }

    /// <summary>Checkpoints the WAL into the file and truncates it, without waiting for other connections.</summary>
    private static bool TruncateWal(SqliteConnection connection)
    {
        var timeout = Scalar(connection, "PRAGMA busy_timeout");
        Scalar(connection, "PRAGMA busy_timeout = 0");
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.GetInt64(0) == 0;
        }
        finally
        {
            Scalar(connection, "PRAGMA busy_timeout = " + Convert.ToString(timeout, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Whether the WAL file holds anything; read with <c>stat</c>, so no descriptor of it is opened here.</summary>
    private static bool WalHasFrames(string databaseFile)
    {
        var walFile = new FileInfo(databaseFile + "-wal");
        return walFile.Exists && walFile.Length > 0;
    }

    /// <summary>The <c>sqlite3_file</c> of the connection's main database, or zero when it has none open.</summary>
    private static nint MainFile(SqliteConnection connection)
    {
        nint file = 0;
        int rc;
        fixed (byte* main = "main\0"u8)
        {
            rc = FileControl(connection.Handle!.DangerousGetHandle(), main, FileControlFilePointer, &file);
        }

        return rc == 0 && file != 0 && *(nint*)file != 0 ? file : 0;
    }

    private static void Copy(nint file, long length, Stream destination, CancellationToken cancellationToken)
    {
        // struct sqlite3_file { const sqlite3_io_methods *pMethods; };
        // struct sqlite3_io_methods { int iVersion; int (*xClose)(sqlite3_file*); int (*xRead)(sqlite3_file*, void*, int, sqlite3_int64); ... };
        var methods = *(nint*)file;
        var read = (delegate* unmanaged<nint, void*, int, long, int>)*(nint*)(methods + (2 * sizeof(nint)));
        var buffer = GC.AllocateUninitializedArray<byte>(ChunkBytes, pinned: true);
        fixed (byte* chunk = buffer)
        {
            for (long offset = 0; offset < length; offset += ChunkBytes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = (int)Math.Min(ChunkBytes, length - offset);
                var rc = read(file, chunk, count, offset);
                if (rc != 0)
                {
                    throw new IOException(string.Create(CultureInfo.InvariantCulture, $"SQLite could not read {count} bytes at offset {offset} of the database file (error code {rc})."));
                }

                destination.Write(buffer, 0, count);
            }
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_file_control")]
    private static partial int FileControl(nint database, byte* name, int operation, nint* argument);
}
