using System.Diagnostics;
using System.Text;

namespace MigrationKit.PostgreSql.Checkpoints;

/// <summary>
/// Runs a PostgreSQL client program with its connection settings in the environment (never on the command line),
/// keeping the end of what it writes to stderr for error messages, and kills it when the run is cancelled.
/// </summary>
internal static class ToolProcess
{
    private const int KeptErrorChars = 4000;

    /// <summary>The outcome of a finished run.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Output">What it wrote to stdout, when captured.</param>
    /// <param name="Error">The end of what it wrote to stderr.</param>
    public readonly record struct Result(int ExitCode, string Output, string Error);

    /// <summary>Builds the start information: arguments as a list, environment variables set (or removed, for <see langword="null"/>), all streams redirected.</summary>
    /// <param name="path">The program.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="environment">Variables to set, or to remove when the value is <see langword="null"/>.</param>
    /// <returns>The start information.</returns>
    public static ProcessStartInfo CreateStartInfo(string path, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    /// <summary>Runs a program to its end with stdin closed.</summary>
    /// <param name="path">The program.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="environment">Variables to set or remove.</param>
    /// <param name="captureOutput">Whether to keep stdout (otherwise it is read and dropped).</param>
    /// <param name="cancellationToken">Kills the program.</param>
    /// <returns>The outcome.</returns>
    public static async Task<Result> RunAsync(string path, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, bool captureOutput, CancellationToken cancellationToken)
    {
        using var process = Start(CreateStartInfo(path, arguments, environment));
        process.StandardInput.Close();
        var error = ReadErrorAsync(process);
        var output = captureOutput ? process.StandardOutput.ReadToEndAsync(CancellationToken.None) : DrainAsync(process.StandardOutput.BaseStream);
        await WaitAsync(process, cancellationToken).ConfigureAwait(false);
        return new Result(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Starts a program, or explains why it could not start.</summary>
    /// <param name="start">The start information.</param>
    /// <returns>The running process.</returns>
    public static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new MigrationKit.Checkpoints.CheckpointException($"Could not start '{start.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MigrationKit.Checkpoints.CheckpointException($"Could not start '{start.FileName}': {e.Message} Check that it is an executable PostgreSQL client program, or set PostgreSqlMigrationOptions.ToolsDirectory to another folder.", e);
        }
    }

    /// <summary>Waits for a process to end; on cancellation kills it (and its children), waits for it, and throws.</summary>
    /// <param name="process">The process.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the process has ended.</returns>
    public static async Task WaitAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills a process and its children, if it still runs.</summary>
    /// <param name="process">The process.</param>
    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Reads stderr to its end, keeping the last few thousand characters.</summary>
    /// <param name="process">The process.</param>
    /// <returns>The kept text.</returns>
    public static async Task<string> ReadErrorAsync(Process process)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await process.StandardError.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false)) > 0)
        {
            kept.Append(buffer, 0, read);
            if (kept.Length > KeptErrorChars * 2)
            {
                kept.Remove(0, kept.Length - KeptErrorChars);
            }
        }

        return kept.Length > KeptErrorChars ? "…" + kept.ToString(kept.Length - KeptErrorChars, KeptErrorChars) : kept.ToString();
    }

    /// <summary>Reads a stream to its end and drops what it reads.</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>An empty string.</returns>
    public static async Task<string> DrainAsync(Stream stream)
    {
        var buffer = new byte[16384];
        while (await stream.ReadAsync(buffer, CancellationToken.None).ConfigureAwait(false) > 0)
        {
        }

        return string.Empty;
    }
}
