using System.CommandLine;
using Microsoft.Extensions.Logging;
using MigrationKit.Cli.Connections;
using MigrationKit.Cli.Output;

namespace MigrationKit.Cli.Commands;

/// <summary>What a command runs with: its parsed line, its output, and the runner built (once, on first use) from the common options.</summary>
internal sealed class CommandContext(ParseResult parseResult, CliOutput output, RunnerSettings settings) : IAsyncDisposable
{
    private IMigrationRunner? _runner;
    private ILoggerFactory? _loggerFactory;

    public ParseResult ParseResult { get; } = parseResult;

    public CliOutput Output { get; } = output;

    public RunnerSettings Settings { get; } = settings;

    /// <summary>The database as it may be shown (password masked).</summary>
    public string Database => Settings.ConnectionString is { } connectionString ? ConnectionSecrets.Describe(connectionString) : "(no connection)";

    /// <summary>The runner; <paramref name="configure"/> adjusts its options for this command (applied when the runner is first built).</summary>
    public IMigrationRunner Runner(Action<MigrationKitOptions>? configure = null)
    {
        if (_runner is null)
        {
            if (Output.Verbose)
            {
                _loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new VerboseLoggerProvider(Output)));
            }

            _runner = RunnerFactory.Create(Settings, Output, _loggerFactory, configure);
        }

        return _runner;
    }

    /// <summary>The runner, after checking that a checkpoint folder was given.</summary>
    public IMigrationRunner RunnerWithCheckpoints()
    {
        if (Settings.CheckpointDirectory is null)
        {
            throw new CommandLineException($"Checkpoints need a folder: pass --checkpoint-dir path or set the environment variable {GlobalOptions.CheckpointDirectoryVariable}.");
        }

        return Runner();
    }

    public async ValueTask DisposeAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync().ConfigureAwait(false);
        }

        _loggerFactory?.Dispose();
    }
}
