using System.Diagnostics;
using System.Reflection;

namespace MigrationKit.Data.Tests.Support;

/// <summary>
/// Runs MigrationKit.Data.MoveRunner as a child process until it announces the gate (<c>gate &lt;batch&gt; &lt;moment&gt;</c>)
/// and blocks on its stdin, which the test never writes, then (after an optional look while it is held there) kills it
/// with SIGKILL there.
/// </summary>
internal static class ChildMove
{
    private static readonly TimeSpan GateTimeout = TimeSpan.FromMinutes(2);

    public static Task RunUntilGateAndKillAsync(IEnumerable<string> arguments, long gateBatch, string moment) =>
        RunUntilGateAndKillAsync(arguments, gateBatch, moment, whileHeld: null);

    /// <param name="arguments">The move runner's arguments.</param>
    /// <param name="gateBatch">The batch whose gate the child blocks at.</param>
    /// <param name="moment">Where in that batch: <c>writing</c> (inside its transaction) or <c>committed</c>.</param>
    /// <param name="whileHeld">Runs while the child is blocked at the gate, before the kill.</param>
    public static async Task RunUntilGateAndKillAsync(IEnumerable<string> arguments, long gateBatch, string moment, Func<Task>? whileHeld)
    {
        var testAssembly = Assembly.GetExecutingAssembly();
        var basePath = Path.ChangeExtension(testAssembly.Location, null);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "exec", "--runtimeconfig", basePath + ".runtimeconfig.json", "--depsfile", basePath + ".deps.json",
            Path.Combine(Path.GetDirectoryName(testAssembly.Location)!, "MigrationKit.Data.MoveRunner.dll"),
        }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the move runner.");
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(GateTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == $"gate {gateBatch} {moment}")
                {
                    // The child is blocked at the gate: inside the open transaction, or right after the commit.
                    try
                    {
                        if (whileHeld is not null)
                        {
                            await whileHeld();
                        }
                    }
                    finally
                    {
                        process.Kill(entireProcessTree: true);
                    }

                    await process.WaitForExitAsync(CancellationToken.None);
                    return;
                }
            }

            await process.WaitForExitAsync(CancellationToken.None);
            Assert.Fail($"The move runner ended (exit code {process.ExitCode}) without reaching the gate at batch {gateBatch} ({moment}): {await errors}");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The move runner did not reach the gate at batch {gateBatch} ({moment}) within {GateTimeout}: {await errors}");
        }
    }
}
