using System.Diagnostics;

namespace MigrationKit.Cli.Tests.Support;

/// <summary>
/// Runs the tool as a real process, 'dotnet MigrationKit.Cli.dll ...', with redirected (non-terminal) streams, and
/// without the MIGRATIONKIT_* variables of the machine unless a test passes them.
/// </summary>
internal static class Tool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static Task<CliResult> RunAsync(params string[] arguments) => RunAsync(arguments, environment: null);

    public static async Task<CliResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? workingDirectory = null)
    {
        return await RunProcessAsync("dotnet", ["exec", Paths.Cli, .. arguments], environment, workingDirectory);
    }

    /// <summary>
    /// Runs any program. <paramref name="cleanEnvironment"/> passes only the basic variables (for 'dotnet pack' and
    /// 'dotnet tool install', which must not see the MSBuild and test-host variables of the test run).
    /// </summary>
    public static async Task<CliResult> RunProcessAsync(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, bool cleanEnvironment = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (cleanEnvironment)
        {
            string[] kept = ["PATH", "HOME", "USER", "LANG", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES", "CI"];
            foreach (var name in start.Environment.Keys.Where(k => !kept.Contains(k, StringComparer.Ordinal)).ToArray())
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var variable in new[] { "MIGRATIONKIT_CONNECTION", "MIGRATIONKIT_ASSEMBLY", "MIGRATIONKIT_CHECKPOINT_DIR" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', start.ArgumentList)}' did not finish within {Timeout}.");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
