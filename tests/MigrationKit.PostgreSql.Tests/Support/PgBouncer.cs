using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Support;

/// <summary>
/// A private PgBouncer (the Debian <c>pgbouncer</c> package) in front of the test server, in transaction-pooling mode on
/// a free loopback port: its ini and userlist in a temp directory, run as the <c>postgres</c> user when the tests run as
/// root (PgBouncer refuses root), daemonized with a pid file, and killed by that pid on dispose.
/// </summary>
internal sealed class PgBouncer : IAsyncDisposable
{
    /// <summary>Server connections per database and user: fewer than the runner processes, so that they must share them.</summary>
    public const int PoolSize = 4;

    private readonly string _directory;
    private readonly int _pid;

    private PgBouncer(string directory, int port, int pid)
    {
        _directory = directory;
        Port = port;
        _pid = pid;
    }

    /// <summary>The port PgBouncer listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Starts PgBouncer in front of the server of <paramref name="serverConnectionString"/>.</summary>
    public static async Task<PgBouncer> StartAsync(string serverConnectionString)
    {
        var binary = new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            Assert.Fail("The PgBouncer tests need the Debian 'pgbouncer' package (apt-get install pgbouncer); /usr/sbin/pgbouncer was not found.");
        }

        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var directory = Path.Combine(Path.GetTempPath(), "migrationkit-pgbouncer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var port = FreePort();
        var ini = Path.Combine(directory, "pgbouncer.ini");
        var pidFile = Path.Combine(directory, "pgbouncer.pid");
        await File.WriteAllTextAsync(ini, string.Join('\n',
            "[databases]",
            string.Create(CultureInfo.InvariantCulture, $"* = host={server.Host} port={server.Port}"),
            "[pgbouncer]",
            "listen_addr = 127.0.0.1",
            string.Create(CultureInfo.InvariantCulture, $"listen_port = {port}"),
            "unix_socket_dir =",
            "auth_type = trust",
            $"auth_file = {Path.Combine(directory, "userlist.txt")}",
            "pool_mode = transaction",
            "max_client_conn = 500",
            string.Create(CultureInfo.InvariantCulture, $"default_pool_size = {PoolSize}"),
            "ignore_startup_parameters = extra_float_digits",
            $"logfile = {Path.Combine(directory, "pgbouncer.log")}",
            $"pidfile = {pidFile}",
            string.Empty));
        await File.WriteAllTextAsync(Path.Combine(directory, "userlist.txt"), $"\"{server.Username ?? "postgres"}\" \"{server.Password ?? string.Empty}\"\n");

        if (RunsAsRoot)
        {
            await RunAsync("chown", ["-R", "postgres", directory]);
            await RunAsync("runuser", ["-u", "postgres", "--", binary!, "-d", ini]);
        }
        else
        {
            await RunAsync(binary!, ["-d", ini]);
        }

        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && await AcceptsAsync(port))
            {
                return new PgBouncer(directory, port, pid);
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                var log = Path.Combine(directory, "pgbouncer.log");
                Assert.Fail("PgBouncer did not start: " + (File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log"));
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A connection string to <paramref name="database"/> through PgBouncer, with the Npgsql settings a transaction
    /// pooler needs: no reset (<c>DISCARD ALL</c>) when a connection goes back to Npgsql's pool, since the server
    /// session is not the client's anyway, and no automatic preparation (prepared statements live in one server session).
    /// </summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            NoResetOnClose = true,
            MaxAutoPrepare = 0,
        }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var process = Process.GetProcessById(_pid);
            process.Kill();
            await process.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }
}
