using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MigrationKit.PostgreSql.Tests.Support;
using Npgsql;

// In the test assembly's root namespace, so that it sets up the server for every test in the assembly.
namespace MigrationKit.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: the one <c>MIGRATIONKIT_PG</c> (a connection string) names, or else a
/// private throwaway cluster started from the PostgreSQL binaries on this machine (as the <c>postgres</c> user when
/// running as root, since <c>initdb</c> refuses root) and stopped and deleted at the end. Missing binaries fail every
/// test with one message; they are never a silent skip.
/// </summary>
[SetUpFixture]
public sealed class PostgresServer
{
    private const string Variable = "MIGRATIONKIT_PG";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private static string? _connectionString;
    private static string? _directory;
    private static string? _binaries;

    /// <summary>A connection string to the server's maintenance database, as a superuser (or the role of <c>MIGRATIONKIT_PG</c>).</summary>
    public static string ConnectionString => _connectionString ?? throw new InvalidOperationException("The PostgreSQL server has not been started; the tests must run under PostgresServer's [SetUpFixture].");

    /// <summary>Whether the tests started their own cluster (rather than using <c>MIGRATIONKIT_PG</c>).</summary>
    public static bool IsPrivateCluster => _directory is not null;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } external)
        {
            _connectionString = external;
            return;
        }

        _binaries = FindBinaries();
        if (_binaries is null)
        {
            Assert.Fail(
                "The PostgreSQL tests need a server: no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin. "
                + "Install the Debian 'postgresql' package (apt-get install postgresql), or set " + Variable + " to a connection string of a server the tests may create databases on.");
        }

        _directory = Path.Combine(Path.GetTempPath(), "migrationkit-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_directory);
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["postgres", _directory]);
        }

        var data = Path.Combine(_directory, "data");
        await RunPostgresToolAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"]);

        // A port picked free can be taken before the server binds it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await RunPostgresToolAsync("pg_ctl", ["start", "-w", "-D", data, "-l", Path.Combine(_directory, "server.log"),
                    "-o", $"-p {port} -c listen_addresses=127.0.0.1 -k {_directory} -c fsync=off -c max_connections=300"]);
                _connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Try another port.
            }
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_directory is null)
        {
            return;
        }

        try
        {
            await RunPostgresToolAsync("pg_ctl", ["stop", "-m", "fast", "-w", "-D", Path.Combine(_directory, "data")]);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
            _directory = null;
        }
    }

    /// <summary>Creates a fresh database (<c>mk_&lt;guid&gt;</c>), dropped when the returned object is disposed.</summary>
    internal static Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(ConnectionString);

    private static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static string? FindBinaries()
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binaries!, tool);
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
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
