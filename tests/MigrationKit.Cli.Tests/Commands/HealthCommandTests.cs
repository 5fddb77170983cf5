using System.Net;
using System.Net.Sockets;
using MigrationKit.Cli.Tests.Support;
using MigrationKit.Hosting.Tests;
using Npgsql;

namespace MigrationKit.Cli.Tests.Commands;

/// <summary><c>health</c>: a table a person reads, the same facts in JSON, exit 0 when reachable and 1 when not.</summary>
public sealed class HealthCommandTests
{
    private const long V1 = 2026_12_01_0900;
    private const long V2 = 2026_12_01_0930;
    private const long V3 = 2026_12_01_1000;

    [Test]
    public async Task Health_on_sqlite_prints_state_tables_and_what_sqlite_does_not_have()
    {
        using var db = new SqliteFile();
        (await db.RunAsync("up", "--to", V2.ToString(System.Globalization.CultureInfo.InvariantCulture))).ExitCode.Should().Be(0);

        var result = await db.RunAsync("health");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain($"SQLite database '{db.FilePath}': reachable, round trip").And.Contain("version 3.");
        result.Stdout.Should().Contain($"Migrations: at version {V2}; pending: {V3}; incomplete: none");
        var customers = result.Stdout.Split('\n').Should().ContainSingle(l => l.Contains(" customers ", StringComparison.Ordinal)).Which;
        customers.Should().Contain("│ 0 ");
        result.Stdout.Should().Contain("__migrationkit_history (MigrationKit)");
        result.Stdout.Should().Contain("Lock waits: none").And.Contain("Slowest statements: not available: SQLite");
        result.Stdout.Should().Contain("Not available: table and index sizes: the bundled SQLite is built without the dbstat virtual table");
    }

    [Test]
    public async Task Health_json_on_sqlite_has_the_migration_state_and_the_tables()
    {
        using var db = new SqliteFile();
        (await db.RunAsync("up", "--to", V1.ToString(System.Globalization.CultureInfo.InvariantCulture))).ExitCode.Should().Be(0);

        var result = await db.RunAsync("health", "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.GetProperty("reachable").GetBoolean().Should().BeTrue();
        json.GetProperty("database").GetString().Should().Be($"SQLite database '{db.FilePath}'");
        json.GetProperty("currentVersion").GetInt64().Should().Be(V1);
        json.GetProperty("pendingVersions").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(V2, V3);
        json.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("table").GetProperty("name").GetString()).Should().Contain("customers");
        json.GetProperty("slowStatementsUnavailable").GetString().Should().StartWith("not available");
    }

    [Test]
    public async Task Health_of_a_sqlite_file_in_a_missing_folder_exits_1_and_reports_it_unreachable()
    {
        var path = Path.Combine(Path.GetTempPath(), "migrationkit-no-such-folder-" + Guid.NewGuid().ToString("N"), "app.db");

        var result = await Tool.RunAsync("health", "--json", "--connection", $"Data Source={path}", "--assembly", Paths.TestMigrations, "--migrations-namespace", Paths.Shop);

        result.ExitCode.Should().Be(1, result.ToString());
        var json = result.Json();
        json.GetProperty("reachable").GetBoolean().Should().BeFalse();
        json.GetProperty("error").GetString().Should().Contain(path);
        result.Stderr.Should().Contain("error: Could not open").And.Contain(path);
    }

    [Test]
    public async Task Health_on_postgresql_shows_dead_rows_and_the_remedy_for_slow_statements_and_exits_1_on_a_closed_port()
    {
        await using var database = await PostgresDatabase.CreateAsync(await PostgresServer.ConnectionStringAsync());
        string[] target = ["--connection", database.ConnectionString, "--assembly", Paths.TestMigrations, "--migrations-namespace", Paths.Shop];
        (await Tool.RunAsync(["up", .. target])).ExitCode.Should().Be(0);

        var result = await Tool.RunAsync(["health", .. target]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain($"PostgreSQL database '{database.Name}' on 127.0.0.1:").And.Contain(": reachable, round trip");
        result.Stdout.Should().Contain($"Migrations: at version {V3}; pending: none; incomplete: none");
        result.Stdout.Should().Contain("Dead rows").And.Contain("Lock waits: none");
        result.Stdout.Should().Contain("Slowest statements: not available").And.Contain("CREATE EXTENSION pg_stat_statements");
        result.Stdout.Should().NotContain("Not available:", "PostgreSQL has every part");

        var closed = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = ClosedPort() }.ConnectionString;
        var unreachable = await Tool.RunAsync("health", "--connection", closed, "--assembly", Paths.TestMigrations, "--migrations-namespace", Paths.Shop);

        unreachable.ExitCode.Should().Be(1, unreachable.ToString());
        unreachable.Stderr.Should().Contain($"Could not open PostgreSQL database '{database.Name}' on 127.0.0.1:");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
