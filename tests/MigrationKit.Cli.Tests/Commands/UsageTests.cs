using MigrationKit.Cli.Tests.Support;

namespace MigrationKit.Cli.Tests.Commands;

/// <summary>Help, and command lines the parser rejects (exit code 2, before any database is touched).</summary>
public sealed class UsageTests
{
    [Test]
    public async Task Help_lists_every_command_and_exits_0()
    {
        var result = await Tool.RunAsync("--help");

        result.ExitCode.Should().Be(0, result.ToString());
        foreach (var command in new[] { "status", "up", "down", "rollback", "script", "history", "journal", "validate", "repair", "baseline", "checkpoint", "new" })
        {
            result.Stdout.Should().MatchRegex($@"(?m)^\s+{command}\b", $"help lists '{command}'");
        }

        result.Stdout.Should().Contain("--connection").And.Contain("--json").And.Contain("--provider");
    }

    [Test]
    public async Task Checkpoint_help_lists_its_subcommands()
    {
        var result = await Tool.RunAsync("checkpoint", "--help");

        result.ExitCode.Should().Be(0);
        foreach (var command in new[] { "create", "list", "verify", "restore", "prune" })
        {
            result.Stdout.Should().MatchRegex($@"(?m)^\s+{command}\b");
        }
    }

    [TestCase(new string[0], "Required command was not provided")]
    [TestCase(new[] { "frobnicate" }, "frobnicate")]
    [TestCase(new[] { "down" }, "--to")]
    [TestCase(new[] { "up", "--to", "latest" }, "latest")]
    [TestCase(new[] { "rollback", "--steps", "0" }, "--steps must be 1 or more")]
    [TestCase(new[] { "status", "--provider", "oracle" }, "oracle")]
    [TestCase(new[] { "baseline" }, "baseline")]
    [TestCase(new[] { "checkpoint", "verify" }, "verify")]
    [TestCase(new[] { "status", "--no-such-option" }, "--no-such-option")]
    public async Task A_malformed_command_line_exits_2_naming_the_problem(string[] arguments, string named)
    {
        var result = await Tool.RunAsync(arguments);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain(named).And.Contain("--help");
        result.Stdout.Should().BeEmpty();
    }

    [Test]
    public async Task A_usage_error_never_echoes_a_password()
    {
        var result = await Tool.RunAsync("status", "--connection", "Host=db;Password=Hunter2-secret", "Password=Hunter2-secret");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().NotContain("Hunter2-secret");
    }
}
