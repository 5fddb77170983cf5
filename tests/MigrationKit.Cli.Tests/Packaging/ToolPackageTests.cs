using MigrationKit.Cli.Tests.Support;

namespace MigrationKit.Cli.Tests.Packaging;

/// <summary>The tool as users get it: packed with 'dotnet pack', installed from a local folder with 'dotnet tool install', run by its command name.</summary>
public sealed class ToolPackageTests
{
    [Test]
    public async Task The_packed_tool_installs_from_a_local_folder_and_runs_as_migrationkit()
    {
        var root = Path.Combine(Path.GetTempPath(), "migrationkit-pack-" + Guid.NewGuid().ToString("N")[..12]);
        var packages = Path.Combine(root, "packages");
        var tools = Path.Combine(root, "tools");
        try
        {
            // --no-build: the tool was built (in this configuration) before the tests, as a project reference.
            var pack = await Tool.RunProcessAsync("dotnet", ["pack", Paths.CliProject, "--no-build", "-c", Paths.Configuration, "-o", packages], cleanEnvironment: true);
            pack.ExitCode.Should().Be(0, pack.ToString());
            var package = Directory.GetFiles(packages, "MigrationKit.Cli.*.nupkg").Should().ContainSingle().Subject;

            var version = Path.GetFileNameWithoutExtension(package)["MigrationKit.Cli.".Length..];
            var install = await Tool.RunProcessAsync("dotnet", ["tool", "install", "MigrationKit.Cli", "--version", version, "--tool-path", tools, "--add-source", packages], cleanEnvironment: true);
            install.ExitCode.Should().Be(0, install.ToString());
            install.Stdout.Should().Contain("migrationkit");

            var help = await Tool.RunProcessAsync(Path.Combine(tools, OperatingSystem.IsWindows() ? "migrationkit.exe" : "migrationkit"), ["--help"]);
            help.ExitCode.Should().Be(0, help.ToString());
            help.Stdout.Should().Contain("migrationkit [command] [options]").And.Contain("checkpoint");

            using var db = new SqliteFile();
            var status = await Tool.RunProcessAsync(Path.Combine(tools, "migrationkit"), ["status", "--json", .. db.Target()]);
            status.ExitCode.Should().Be(0, status.ToString());
            status.Json().GetProperty("pendingCount").GetInt32().Should().Be(3, "the installed tool loads the app's migrations as the built one does");
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
