using MigrationKit.Cli.Tests.Support;

namespace MigrationKit.Cli.Tests.Commands;

/// <summary>What the tool says when the connection, the provider or the migrations are missing or wrong: exit 1, a clear message, no password.</summary>
public sealed class ConnectionErrorTests
{
    private const string Password = "Pw-2c9e41-NeverPrinted";

    [Test]
    public async Task No_connection_exits_1_and_names_the_option_and_the_variable()
    {
        var result = await Tool.RunAsync("status", "--assembly", Paths.TestMigrations);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("--connection").And.Contain("MIGRATIONKIT_CONNECTION");
    }

    [Test]
    public async Task No_migrations_source_exits_1_and_names_the_option()
    {
        using var db = new SqliteFile();

        var result = await Tool.RunAsync("status", "--connection", db.ConnectionString);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("--assembly");
        File.Exists(db.FilePath).Should().BeFalse("nothing was opened");
    }

    [Test]
    public async Task A_missing_assembly_file_exits_1_naming_the_path()
    {
        using var db = new SqliteFile();
        var missing = Path.Combine(db.Directory, "NotBuilt.dll");

        var result = await Tool.RunAsync("status", "--connection", db.ConnectionString, "--assembly", missing);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain(missing).And.Contain("does not exist");
    }

    [Test]
    public async Task A_connection_string_that_names_no_provider_asks_for_one()
    {
        var result = await Tool.RunAsync("status", "--connection", "Flavour=vanilla", "--assembly", Paths.TestMigrations);

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain("--provider sqlite").And.Contain("--provider postgresql");
    }

    [Test]
    public async Task A_sqlite_file_in_a_folder_that_does_not_exist_exits_1_with_a_clear_message()
    {
        var path = Path.Combine(Path.GetTempPath(), "migrationkit-no-such-folder-" + Guid.NewGuid().ToString("N"), "app.db");

        var result = await Tool.RunAsync("status", "--connection", $"Data Source={path}", "--assembly", Paths.TestMigrations, "--json");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().Contain(path);
        var error = result.Json().GetProperty("error");
        error.GetProperty("exitCode").GetInt32().Should().Be(1);
        error.GetProperty("message").GetString().Should().Contain(path);
    }

    [Test]
    public async Task An_unreachable_postgresql_server_exits_1_and_never_prints_the_password()
    {
        // Port 1 on the loopback: nothing listens there, so the connection is refused at once.
        var connection = $"Host=127.0.0.1;Port=1;Username=app;Password={Password};Database=shop;Timeout=5";

        foreach (var json in new[] { false, true })
        {
            string[] arguments = ["up", "--connection", connection, "--assembly", Paths.TestMigrations, "--verbose"];
            var result = await Tool.RunAsync(json ? [.. arguments, "--json"] : arguments);

            result.ExitCode.Should().Be(1, result.ToString());
            result.Stderr.Should().Contain("127.0.0.1");
            (result.Stdout + result.Stderr).Should().NotContain(Password);
        }
    }

    [Test]
    public async Task A_malformed_postgresql_connection_string_exits_1_without_its_password()
    {
        var result = await Tool.RunAsync("status", "--provider", "postgresql", "--connection", $"Host=127.0.0.1;Password={Password};Bogus Key=1", "--assembly", Paths.TestMigrations, "--verbose");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().ContainEquivalentOf("bogus key").And.Contain("connection string is not valid");
        (result.Stdout + result.Stderr).Should().NotContain(Password);
    }
}
