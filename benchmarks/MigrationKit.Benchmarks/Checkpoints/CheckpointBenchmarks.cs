using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using MigrationKit.Benchmarks.Support;
using MigrationKit.Checkpoints;
using MigrationKit.PostgreSql;
using MigrationKit.Providers;
using MigrationKit.Sqlite;
using Npgsql;

namespace MigrationKit.Benchmarks.Checkpoints;

/// <summary>
/// Checkpoint and restore of a large database (about 1 GB; <c>MIGRATIONKIT_CHECKPOINT_BENCH_MB</c> sets the size in
/// megabytes, 16 by default so that the CI dry run stays small). The baselines are what a checkpoint cannot beat:
/// copying the SQLite file with <see cref="File.Copy(string, string)"/> (target: checkpoint within 2×), and running
/// <c>pg_dump --format=custom</c> alone on the same schema (target: within 1.1×). PostgreSQL runs on a private
/// throwaway cluster started in the global setup from the binaries under <c>/usr/lib/postgresql</c>.
/// </summary>
[MemoryDiagnoser]
[ScenarioJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 3)]
public class CheckpointBenchmarks
{
    private const string SizeVariable = "MIGRATIONKIT_CHECKPOINT_BENCH_MB";

    private static readonly Dictionary<string, (string Folder, string? SqliteFile, string? Cluster, string? PgBin, string? PgConnectionString)> Cache = new(StringComparer.Ordinal);

    private string _folder = null!;
    private string _output = null!;
    private string _checkpoint = null!;
    private string? _sqliteFile;
    private string? _cluster;
    private string? _pgBin;
    private string? _pgConnectionString;
    private MigrationProvider _provider = null!;
    private IDatabaseBackup _backup = null!;

    /// <summary>The database: <c>sqlite</c> or <c>postgresql</c>.</summary>
    [ParamsSource(nameof(Engines))]
    public string Engine { get; set; } = "sqlite";

    /// <summary>Both engines, or those <c>MIGRATIONKIT_CHECKPOINT_BENCH_ENGINES</c> lists (comma-separated).</summary>
    public static IEnumerable<string> Engines =>
        Environment.GetEnvironmentVariable("MIGRATIONKIT_CHECKPOINT_BENCH_ENGINES") is { Length: > 0 } engines
            ? engines.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["sqlite", "postgresql"];

    private static int SizeMegabytes => int.TryParse(Environment.GetEnvironmentVariable(SizeVariable), CultureInfo.InvariantCulture, out var mb) && mb > 0 ? mb : 16;

    /// <summary>Builds the database of about the configured size and one checkpoint of it to restore.</summary>
    [GlobalSetup]
    public void Setup()
    {
        try
        {
            SetupDatabase();
        }
        catch
        {
            DeleteCached();
            throw;
        }
    }

    private void SetupDatabase()
    {
        // In one process (--inProcess) every benchmark case reuses the database built for its engine: building 1 GB
        // takes longer than measuring it. The cache is deleted when the process ends.
        lock (Cache)
        {
            if (Cache.TryGetValue(Engine, out var cached))
            {
                (_folder, _sqliteFile, _cluster, _pgBin, _pgConnectionString) = cached;
            }
            else
            {
                _folder = Path.Combine(Path.GetTempPath(), "migrationkit-bench-checkpoints-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.CreateDirectory(_folder);
                if (Engine == "sqlite")
                {
                    _sqliteFile = Path.Combine(_folder, "big.db");
                    FillSqlite(_sqliteFile, SizeMegabytes);
                }
                else
                {
                    StartCluster();
                    FillPostgres(SizeMegabytes);
                }

                Cache[Engine] = (_folder, _sqliteFile, _cluster, _pgBin, _pgConnectionString);
                if (Cache.Count == 1)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteCached();
                }
            }
        }

        _output = Path.Combine(_folder, "out");
        _provider = Engine == "sqlite"
            ? new SqliteMigrationProvider($"Data Source={_sqliteFile}")
            : new PostgreSqlMigrationProvider(_pgConnectionString!, new PostgreSqlMigrationOptions());
        _checkpoint = Path.Combine(_folder, "checkpoint" + Guid.NewGuid().ToString("N")[..8]);
        _backup = _provider.CreateBackup() ?? throw new InvalidOperationException("The provider takes no checkpoints.");
        _backup.BackupAsync(_checkpoint, CheckpointLevel.Full).AsTask().GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {Engine}: database of about {SizeMegabytes} MB, checkpoint file {new FileInfo(_checkpoint).Length >> 20} MB"));
    }

    /// <summary>Deletes the file the last call wrote.</summary>
    [IterationCleanup]
    public void DeleteOutput()
    {
        File.Delete(_output);
    }

    /// <summary>The baseline: copy the SQLite file, or run <c>pg_dump --format=custom</c> alone.</summary>
    [Benchmark(Baseline = true)]
    public void CopyFileOrPgDumpAlone()
    {
        if (Engine == "sqlite")
        {
            File.Copy(_sqliteFile!, _output);
        }
        else
        {
            Run(Path.Combine(_pgBin!, "pg_dump"), ["--format=custom", "--file=" + _output, "--schema=\"public\"", "--no-password"], PgEnvironment());
        }
    }

    /// <summary>
    /// The baseline made durable: the same copy (or dump), then the output file synced to disk, as a checkpoint must be
    /// (<c>pg_dump</c> already syncs its output, so for PostgreSQL this adds only a sync of a file already on disk).
    /// </summary>
    [Benchmark]
    public void CopyFileOrPgDumpThenSync()
    {
        CopyFileOrPgDumpAlone();
        using var written = new FileStream(_output, FileMode.Open, FileAccess.ReadWrite);
        written.Flush(flushToDisk: true);
    }

    /// <summary>A full checkpoint through the provider's backup.</summary>
    /// <returns>A task that completes with the file written.</returns>
    [Benchmark]
    public ValueTask Checkpoint() => _backup.BackupAsync(_output, CheckpointLevel.Full);

    /// <summary>A restore of the full checkpoint into the live database.</summary>
    /// <returns>A task that completes with the database restored.</returns>
    [Benchmark]
    public ValueTask Restore() => _backup.RestoreAsync(_checkpoint, CheckpointLevel.Full);

    /// <summary>Releases the provider and deletes this case's checkpoint; the database stays cached for the next case.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        (_provider as IDisposable)?.Dispose();
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_checkpoint is not null)
        {
            File.Delete(_checkpoint);
        }

        if (_output is not null)
        {
            File.Delete(_output);
        }
    }

    private static void DeleteCached()
    {
        lock (Cache)
        {
            foreach (var (folder, _, cluster, pgBin, _) in Cache.Values)
            {
                if (cluster is not null)
                {
                    RunAsPostgres(Path.Combine(pgBin!, "pg_ctl"), ["-D", Path.Combine(cluster, "data"), "-m", "immediate", "-w", "stop"]);
                    Directory.Delete(cluster, recursive: true);
                }

                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            Cache.Clear();
        }
    }

    private static void FillSqlite(string file, int megabytes)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();

        // About 4 KB of random bytes and some text per row.
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, payload BLOB NOT NULL);
            CREATE INDEX ix_items_name ON items (name);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {megabytes * 250})
            INSERT INTO items (name, payload) SELECT 'item ' || i, randomblob(3900) FROM n;
            PRAGMA wal_checkpoint(TRUNCATE);
            """);
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private void FillPostgres(int megabytes)
    {
        using var connection = new NpgsqlConnection(_pgConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandTimeout = 0;

        // About 200 bytes per row (heap and index), partly random so that compression has work to do.
        command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, payload text NOT NULL, at timestamptz NOT NULL);
            INSERT INTO items SELECT i, 'item ' || i, md5(random()::text) || md5(random()::text) || repeat('x', 40), timestamptz '2026-01-01' + i * interval '1 second'
            FROM generate_series(1, {megabytes * 5_000}) i;
            """);
        command.ExecuteNonQuery();
        command.CommandText = "VACUUM ANALYZE items";
        command.ExecuteNonQuery();
    }

    private void StartCluster()
    {
        _pgBin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), CultureInfo.InvariantCulture, out var v) ? v : 0)
            .FirstOrDefault() ?? throw new InvalidOperationException("No PostgreSQL binaries under /usr/lib/postgresql/*/bin; install the 'postgresql' package.");
        _cluster = Path.Combine(Path.GetTempPath(), "migrationkit-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_cluster);
        if (RunsAsRoot)
        {
            Run("chown", ["postgres", _cluster], new Dictionary<string, string>());
        }

        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var data = Path.Combine(_cluster, "data");
        RunAsPostgres(Path.Combine(_pgBin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"]);
        RunAsPostgres(Path.Combine(_pgBin, "pg_ctl"), ["start", "-w", "-D", data, "-l", Path.Combine(_cluster, "server.log"), "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k {_cluster} -c fsync=off"]);
        _pgConnectionString = string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
    }

    private Dictionary<string, string> PgEnvironment()
    {
        var settings = new NpgsqlConnectionStringBuilder(_pgConnectionString);
        return new Dictionary<string, string>
        {
            ["PGHOST"] = settings.Host!,
            ["PGPORT"] = settings.Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = settings.Username!,
            ["PGDATABASE"] = settings.Database!,
        };
    }

    private static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static void RunAsPostgres(string path, IReadOnlyList<string> arguments)
    {
        if (RunsAsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments], new Dictionary<string, string>());
        }
        else
        {
            Run(path, arguments, new Dictionary<string, string>());
        }
    }

    private static void Run(string path, IReadOnlyList<string> arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{path} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output.Result} {error.Result}");
        }
    }
}
