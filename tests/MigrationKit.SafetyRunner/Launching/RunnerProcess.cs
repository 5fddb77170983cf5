using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MigrationKit.SafetyRunner.Protocol;

namespace MigrationKit.SafetyRunner.Launching;

/// <summary>
/// One runner program running as a separate OS process (<c>dotnet exec</c> with the test assembly's runtime and
/// dependency files, so it finds the same native SQLite library). Lines it prints are kept; <see cref="Kill"/> sends
/// SIGKILL (kill -9).
/// </summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _results = Channel.CreateUnbounded<string>();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly Task _reader;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<string> _gates = Channel.CreateUnbounded<string>();

    private RunnerProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadAsync);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The OS process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Every line printed so far (log lines and results).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>What the process wrote to stderr.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>The name of the last log event printed (<c>LockAcquired</c>, <c>MigrationStarting</c>, …), or <see langword="null"/>.</summary>
    public string? LastEvent => Events.LastOrDefault().Name;

    /// <summary>The log events printed so far: name, time and message.</summary>
    public IReadOnlyList<(string Name, DateTimeOffset At, string Message)> Events =>
        Lines.Where(l => l.StartsWith("log ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 4))
            .Select(p => (p[1], DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture)), p.Length > 3 ? p[3] : string.Empty))
            .ToArray();

    /// <summary>Starts the runner program and waits until it has printed <c>ready</c>.</summary>
    /// <param name="testAssembly">The calling test assembly: its <c>.runtimeconfig.json</c> and <c>.deps.json</c> are used.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The started process.</returns>
    public static async Task<RunnerProcess> StartAsync(Assembly testAssembly, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        var basePath = Path.ChangeExtension(testAssembly.Location, null);
        var runner = Path.Combine(Path.GetDirectoryName(testAssembly.Location)!, "MigrationKit.SafetyRunner.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", "--runtimeconfig", basePath + ".runtimeconfig.json", "--depsfile", basePath + ".deps.json", runner })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_TieredPGO"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the runner program.");
        var runnerProcess = new RunnerProcess(process);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await runnerProcess._ready.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await runnerProcess.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("The runner program did not start: " + runnerProcess.Errors);
        }

        return runnerProcess;
    }

    /// <summary>Sends one command; the process starts on it as soon as it reads the line.</summary>
    /// <param name="command">The command.</param>
    /// <returns>A task that completes when the line is written.</returns>
    public async Task SendAsync(RunCommand command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command)).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Sends one restore command; the process starts on it as soon as it reads the line.</summary>
    /// <param name="command">The command.</param>
    /// <returns>A task that completes when the line is written.</returns>
    public async Task SendRestoreAsync(RestoreCommand command)
    {
        await _process.StandardInput.WriteLineAsync("restore " + JsonSerializer.Serialize(command)).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until the process stops at the gate of its command (<see cref="RunCommand.Gate"/>,
    /// <see cref="RestoreCommand.GateAtProgress"/>) and prints <c>gated</c>. It stays there until
    /// <see cref="ReleaseAsync"/> or a kill.
    /// </summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>A task that completes when the process is at its gate.</returns>
    /// <exception cref="InvalidOperationException">The process answered (or ended) without reaching its gate.</exception>
    /// <exception cref="TimeoutException">Neither happened in time.</exception>
    public async Task WaitAtGateAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var gate = _gates.Reader.ReadAsync(cancel.Token).AsTask();
        var result = _results.Reader.WaitToReadAsync(cancel.Token).AsTask();
        try
        {
            if (await Task.WhenAny(gate, result).ConfigureAwait(false) == gate)
            {
                await gate.ConfigureAwait(false);
                return;
            }

            await result.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Runner process {Id} did not reach its gate within {timeout}. Last lines:\n{string.Join('\n', Lines.TakeLast(10))}\n{Errors}");
        }
        catch (ChannelClosedException)
        {
            // The process ended; reported below.
        }

        throw new InvalidOperationException($"Runner process {Id} finished its command without reaching its gate. Last lines:\n{string.Join('\n', Lines.TakeLast(10))}\n{Errors}");
    }

    /// <summary>Lets a process waiting at its gate go on.</summary>
    /// <returns>A task that completes when the line is written.</returns>
    public async Task ReleaseAsync()
    {
        await _process.StandardInput.WriteLineAsync("release").ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Waits for the answer to the last command.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="TimeoutException">No answer in time (a deadlock, for instance).</exception>
    public async Task<RunOutcome> ReadOutcomeAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var line = await _results.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            return JsonSerializer.Deserialize<RunOutcome>(line)!;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Runner process {Id} gave no result within {timeout}. Last lines:\n{string.Join('\n', Lines.TakeLast(10))}\n{Errors}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"Runner process {Id} ended without a result. Last lines:\n{string.Join('\n', Lines.TakeLast(10))}\n{Errors}");
        }
    }

    /// <summary>Kills the process with SIGKILL (no cleanup of any kind runs) and waits until it is gone.</summary>
    /// <returns>A task that completes when the process has ended.</returns>
    public async Task KillAsync()
    {
        Kill();
        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Sends SIGKILL.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Closes stdin (the program ends), and kills it if it has not ended within five seconds.</summary>
    /// <returns>A task that completes when the process is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process is gone already.
        }

        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        await _reader.ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }

            if (line == "ready")
            {
                _ready.TrySetResult();
            }
            else if (line.StartsWith("result ", StringComparison.Ordinal))
            {
                _results.Writer.TryWrite(line["result ".Length..]);
            }
            else if (line.StartsWith("gated ", StringComparison.Ordinal))
            {
                _gates.Writer.TryWrite(line["gated ".Length..]);
            }
        }

        _results.Writer.TryComplete();
        _gates.Writer.TryComplete();
        _ready.TrySetResult();
    }
}
