using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MigrationKit.PostgreSql.Tests.Support;

/// <summary>
/// A private throwaway PostgreSQL cluster: <c>initdb</c> into a new temporary folder (as the <c>postgres</c> user
/// through <c>runuser</c> when running as root, since <c>initdb</c> refuses root), started on a free port of
/// 127.0.0.1 with <c>fsync=off</c>, stopped and deleted on dispose. Shared as a linked source file by the PostgreSQL
/// tests (<c>PostgresServer</c>) and the benchmarks, so neither references the other.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binaries;
    private string? _directory;

    private PostgresCluster(string binaries, string directory, string connectionString)
    {
        _binaries = binaries;
        _directory = directory;
        ConnectionString = connectionString;
    }

    /// <summary>A connection string to the cluster's maintenance database as the <c>postgres</c> superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The folder of the PostgreSQL binaries on this machine (PATH first, then the newest /usr/lib/postgresql/*/bin), or null.</summary>
    public static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: Version.TryParse(Path.GetFileName(d), out var v) ? v : int.TryParse(Path.GetFileName(d), out var major) ? new Version(major, 0) : null))
            .Where(d => d.Version is not null && File.Exists(Path.Combine(d.Directory, "initdb")) && File.Exists(Path.Combine(d.Directory, "pg_ctl")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Directory)
            .FirstOrDefault();
    }

    /// <summary>Creates and starts a cluster from the binaries in <paramref name="binaries"/>.</summary>
    /// <param name="binaries">The folder of <c>initdb</c> and <c>pg_ctl</c> (see <see cref="FindBinaries"/>).</param>
    /// <param name="maxConnections">The server's <c>max_connections</c>.</param>
    /// <returns>The running cluster; dispose it to stop and delete it.</returns>
    public static async Task<PostgresCluster> StartAsync(string binaries, int maxConnections = 300)
    {
        var directory = Path.Combine(Path.GetTempPath(), "migrationkit-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            if (RunsAsRoot)
            {
                await RunAsync("chown", ["postgres", directory]).ConfigureAwait(false);
            }

            var data = Path.Combine(directory, "data");
            await RunToolAsync(binaries, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"]).ConfigureAwait(false);

            // A port picked free can be taken before the server binds it; try a few.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                try
                {
                    await RunToolAsync(binaries, "pg_ctl", ["start", "-w", "-D", data, "-l", Path.Combine(directory, "server.log"),
                        "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k {directory} -c fsync=off -c max_connections={maxConnections}{PreloadStatementStatistics(binaries)}"]).ConfigureAwait(false);
                    return new PostgresCluster(binaries, directory, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=60");
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    // Try another port.
                }
            }
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    /// <returns>A task that completes when the cluster is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_directory is not { } directory)
        {
            return;
        }

        _directory = null;
        try
        {
            await RunToolAsync(_binaries, "pg_ctl", ["stop", "-m", "fast", "-w", "-D", Path.Combine(directory, "data")]).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // pg_stat_statements, for the health tests, when its library is installed beside the binaries (Debian's postgresql-NN
    // package has it); the binaries on PATH may be links into /usr/lib/postgresql/NN/bin.
    private static string PreloadStatementStatistics(string binaries)
    {
        var pgCtl = Path.Combine(binaries, "pg_ctl");
        var real = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl;
        return File.Exists(Path.Combine(Path.GetDirectoryName(real)!, "..", "lib", "pg_stat_statements.so")) ? " -c shared_preload_libraries=pg_stat_statements" : string.Empty;
    }

    private static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunToolAsync(string binaries, string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(binaries, tool);
        return RunsAsRoot ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}");
        }
    }
}
