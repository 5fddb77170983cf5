using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Sqlite;

/// <summary>
/// The lock of one data move into a SQLite database. For a database file: a lock file beside it, opened exclusively
/// (an OS file lock, which the kernel drops when the process dies, so a killed run never leaves the move locked); the
/// file stays after the run, empty of meaning until locked again (deleting it could let two runs lock two different
/// files of the same name). For an in-memory database, which lives in one process: a lock in this process.
/// </summary>
internal static class SqliteMoveLock
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> InMemory = new(StringComparer.Ordinal);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async ValueTask<IAsyncDisposable> AcquireAsync(string? databaseFile, string connectionString, string move, string target, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (databaseFile is null)
        {
            var gate = InMemory.GetOrAdd(connectionString + "\n" + move, static _ => new SemaphoreSlim(1, 1));
            if (!await gate.WaitAsync(wait, cancellationToken).ConfigureAwait(false))
            {
                throw new DataMoveInProgressException(move, target, "by another run in this process");
            }

            return new Release(() => gate.Release());
        }

        var path = LockFilePath(databaseFile, move);
        var deadline = DateTimeOffset.UtcNow + wait;
        FileStream file;
        while (true)
        {
            try
            {
                file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                break;
            }
            catch (IOException e) when (File.Exists(path))
            {
                // The OS offers no wait on this lock: look again shortly, until the holder is gone or the wait is over.
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    throw new DataMoveInProgressException(move, target, $"another run holds the lock file {path}: {e.Message}");
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        // Who holds it, for whoever reads the file by hand (the engine's lock is the open file, not this text).
        file.SetLength(0);
        var holder = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} on {Environment.MachineName} since {DateTimeOffset.UtcNow:O}\n"));
        file.Write(holder);
        file.Flush();
        return new Release(file.Dispose);
    }

    /// <summary>The lock file of a move: beside the database, named by a hash of the move's name (which may hold any character).</summary>
    public static string LockFilePath(string databaseFile, string move)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(move)))[..16];
        return Path.GetFullPath(databaseFile) + "-move-" + hash + ".lock";
    }

    private sealed class Release(Action release) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
