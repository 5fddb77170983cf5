using MigrationKit.Cli.Tests.Support;
using MigrationKit.Hosting.Tests;
using Npgsql;

namespace MigrationKit.Cli.Tests.Commands;

/// <summary>The tool against a real PostgreSQL server (a private throwaway cluster): a fresh database per test.</summary>
public sealed class PostgreSqlCommandTests
{
    private const long V1 = 2026_12_01_0900;
    private const long V2 = 2026_12_01_0930;
    private const long V3 = 2026_12_01_1000;

    // The private cluster trusts local connections, so any password is accepted: enough to prove none is printed.
    private const string Password = "Pw-8d1f0b-NeverPrinted";

    private PostgresDatabase _database = null!;
    private string _checkpoints = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _database = await PostgresDatabase.CreateAsync(await PostgresServer.ConnectionStringAsync());
        _checkpoints = Path.Combine(Path.GetTempPath(), "migrationkit-cli-pg-" + Guid.NewGuid().ToString("N")[..12]);
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(_checkpoints))
        {
            Directory.Delete(_checkpoints, recursive: true);
        }
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Password = Password }.ConnectionString;

    private Task<CliResult> RunAsync(params string[] arguments) =>
        Tool.RunAsync([.. arguments, "--connection", ConnectionString, "--assembly", Paths.TestMigrations, "--migrations-namespace", Paths.Shop]);

    [Test]
    public async Task Status_up_history_and_down_with_the_provider_inferred_from_Host()
    {
        var pending = await RunAsync("status", "--exit-code");
        pending.ExitCode.Should().Be(3, pending.ToString());
        pending.Stdout.Should().Contain("Version 0: 0 applied, 3 pending.");

        var up = await RunAsync("up", "--json", "--verbose");
        up.ExitCode.Should().Be(0, up.ToString());
        up.Json().GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("version").GetInt64()).Should().Equal(V1, V2, V3);
        up.Stderr.Should().Contain("Executing SQL: CREATE TABLE");
        (up.Stdout + up.Stderr).Should().NotContain(Password);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'email'")).Should().Be(1);

        var history = (await RunAsync("history", "--json")).Json();
        history.GetProperty("migrations").EnumerateArray().Select(m => m.GetProperty("version").GetInt64()).Should().Equal(V1, V2, V3);

        var journal = (await RunAsync("journal", "--json")).Json();
        journal.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("status").GetString() == "succeeded").Should().Be(3);

        (await RunAsync("validate")).ExitCode.Should().Be(0);
        (await RunAsync("status", "--exit-code")).ExitCode.Should().Be(0);

        var down = await RunAsync("down", "--to", "0", "--json");
        down.ExitCode.Should().Be(0, down.ToString());
        down.Json().GetProperty("toVersion").GetInt64().Should().Be(0);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('customers', 'orders')")).Should().Be(0);
    }

    [Test]
    public async Task Script_and_baseline_on_postgresql()
    {
        var script = await RunAsync("script", "--to", V1.ToString());
        script.ExitCode.Should().Be(0, script.ToString());
        script.Stdout.Should().Contain("CREATE TABLE").And.Contain("customers");
        (await _database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'customers'")).Should().Be(0);

        await _database.ScalarAsync<int>("CREATE TABLE customers (id bigint PRIMARY KEY, name varchar(100) NOT NULL); SELECT 1");
        var baseline = await RunAsync("baseline", V1.ToString(), "--json");
        baseline.ExitCode.Should().Be(0, baseline.ToString());
        baseline.Json().GetProperty("versions").EnumerateArray().Select(v => v.GetInt64()).Should().Equal(V1);
        (await RunAsync("up")).ExitCode.Should().Be(0);
        (await RunAsync("status", "--exit-code")).ExitCode.Should().Be(0);
    }

    [Test]
    public async Task Checkpoint_create_and_restore_through_pg_dump_with_progress_on_stderr()
    {
        (await RunAsync("up", "--to", V1.ToString())).ExitCode.Should().Be(0);
        await _database.ScalarAsync<int>("INSERT INTO customers (id, name) VALUES (1, 'Ada'); SELECT 1");

        var create = await RunAsync("checkpoint", "create", "--checkpoint-dir", _checkpoints, "--json");
        create.ExitCode.Should().Be(0, create.ToString());
        var checkpoint = create.Json().GetProperty("checkpoint");
        checkpoint.GetProperty("provider").GetString().Should().Be("postgresql");
        checkpoint.GetProperty("version").GetInt64().Should().Be(V1);
        create.Stderr.Should().Contain("Taking a full checkpoint of").And.Contain(": done in ");
        (create.Stdout + create.Stderr).Should().NotContain(Password);

        (await RunAsync("up")).ExitCode.Should().Be(0);
        await _database.ScalarAsync<int>("DELETE FROM customers; SELECT 1");

        var id = checkpoint.GetProperty("id").GetString()!;
        var restore = await RunAsync("checkpoint", "restore", id, "--checkpoint-dir", _checkpoints, "--json");

        restore.ExitCode.Should().Be(0, restore.ToString());
        restore.Json().GetProperty("version").GetInt64().Should().Be(V1);
        (await _database.ScalarAsync<string>("SELECT name FROM customers WHERE id = 1")).Should().Be("Ada");
        (await _database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'orders'")).Should().Be(0);
        (restore.Stdout + restore.Stderr).Should().NotContain(Password);
    }

    [Test]
    public async Task A_database_that_does_not_exist_exits_1_naming_it_without_the_password()
    {
        var missing = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "mk_no_such_database" }.ConnectionString;

        var result = await Tool.RunAsync("status", "--connection", missing, "--assembly", Paths.TestMigrations, "--json");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Json().GetProperty("error").GetProperty("message").GetString().Should().Contain("mk_no_such_database");
        (result.Stdout + result.Stderr).Should().NotContain(Password);
    }
}
