using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationKit.Hosting.Diagnostics;

namespace MigrationKit.Hosting;

/// <summary>
/// Runs one target's startup migration in <see cref="IHostedLifecycleService.StartingAsync"/>: the host calls every
/// service's <c>StartingAsync</c> before any service's <c>StartAsync</c>, so no hosted service (an ASP.NET Core server
/// included) starts before the schema is current.
/// </summary>
internal sealed class MigrationStartupService : IHostedLifecycleService
{
    private readonly IServiceProvider _services;
    private readonly string? _name;
    private readonly MigrationStartupOptions _options;
    private readonly MigrationStartupState _state;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public MigrationStartupService(IServiceProvider services, string? name, MigrationStartupOptions options, MigrationStartupState state)
    {
        _services = services;
        _name = name;
        _options = options;
        _state = state;
        _logger = (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("MigrationKit.Hosting");
        _timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    private string Target => _name ?? "default";

    public Task StartingAsync(CancellationToken cancellationToken) => _options.Mode switch
    {
        MigrationStartupMode.Migrate => MigrateAsync(cancellationToken),
        MigrationStartupMode.WaitForMigrations => WaitAsync(cancellationToken),
        MigrationStartupMode.RunAndExit => RunAndExitAsync(cancellationToken),
        _ => throw new InvalidOperationException($"Unknown startup mode {_options.Mode} for MigrationKit target '{Target}'."),
    };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        // RunAndExit stops the host once it has started, not from StartingAsync: a stop requested during the start would
        // hand the other hosted services a cancelled token, and those that honour it would fail the host's start.
        if (_options.Mode == MigrationStartupMode.RunAndExit)
        {
            _services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        }

        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.StartupCancelled(_logger, Target);
            throw;
        }
        catch (Exception exception)
        {
            Log.StartupMigrationFailed(_logger, Target, exception);
            throw;
        }
    }

    private async Task RunAndExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await ApplyAsync(cancellationToken).ConfigureAwait(false);
            Environment.ExitCode = 0;
            Log.RunAndExitSucceeded(_logger, Target, result.ToVersion);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Environment.ExitCode = _options.FailureExitCode;
            Log.StartupCancelled(_logger, Target);
            throw;
        }
        catch (Exception exception)
        {
            // Not rethrown: the host starts and stops cleanly (see StartedAsync) and the process ends with the exit code, which is what a job runner reads.
            Environment.ExitCode = _options.FailureExitCode;
            Log.RunAndExitFailed(_logger, Target, _options.FailureExitCode, exception);
        }
    }

    private async Task<MigrationResult> ApplyAsync(CancellationToken cancellationToken)
    {
        _state.Set(MigrationStartupPhase.Migrating);
        try
        {
            var runner = _services.GetRequiredKeyedService<IMigrationRunner>(_name);
            Log.StartupMigrating(_logger, Target);
            var result = await runner.MigrateUpAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.NothingToDo)
            {
                Log.StartupUpToDate(_logger, Target, result.ToVersion);
            }
            else
            {
                Log.StartupMigrated(_logger, Target, result.Steps.Count, result.ToVersion);
            }

            _state.Set(MigrationStartupPhase.Completed);
            return result;
        }
        catch (Exception exception)
        {
            _state.Set(MigrationStartupPhase.Failed, exception);
            throw;
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        _state.Set(MigrationStartupPhase.Waiting);
        try
        {
            var runner = _services.GetRequiredKeyedService<IMigrationRunner>(_name);
            var ignoreMissing = _services.GetKeyedService<MigrationKitOptions>(_name)?.IgnoreMissingMigrations ?? false;
            using var timeout = new CancellationTokenSource(_options.WaitTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            IReadOnlyList<long> pending = [];
            Exception? unreachable = null;
            var announced = false;
            while (true)
            {
                try
                {
                    MigrationStatus? status = null;
                    try
                    {
                        status = await runner.GetStatusAsync(linked.Token).ConfigureAwait(false);
                        unreachable = null;
                    }
                    catch (MigrationConnectionException exception)
                    {
                        // The database may not accept connections yet (it starts beside this host): keep waiting until the timeout.
                        unreachable = exception;
                        Log.WaitDatabaseUnreachable(_logger, Target, exception.Database);
                    }

                    if (status is not null)
                    {
                        ThrowIfUnusable(status, ignoreMissing);
                        pending = status.Pending.Select(m => m.Version).ToArray();
                        if (pending.Count == 0)
                        {
                            Log.WaitCompleted(_logger, Target, status.CurrentVersion);
                            _state.Set(MigrationStartupPhase.Completed);
                            return;
                        }

                        if (!announced)
                        {
                            announced = true;
                            Log.WaitingForMigrations(_logger, Target, _options.WaitTimeout.TotalSeconds, pending.Count, string.Join(", ", pending));
                        }
                        else
                        {
                            Log.StillPending(_logger, Target, pending.Count);
                        }
                    }

                    await Task.Delay(_options.PollInterval, _timeProvider, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new MigrationWaitTimeoutException(_name, _options.WaitTimeout, pending, unreachable);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _state.Set(MigrationStartupPhase.Failed, new OperationCanceledException("The wait for migrations was cancelled.", cancellationToken));
            Log.StartupCancelled(_logger, Target);
            throw;
        }
        catch (Exception exception)
        {
            _state.Set(MigrationStartupPhase.Failed, exception);
            Log.WaitFailed(_logger, Target, exception);
            throw;
        }
    }

    /// <summary>Waiting cannot end well when the history shows a step that failed half-way, an edited or (unless tolerated) a missing migration.</summary>
    private static void ThrowIfUnusable(MigrationStatus status, bool ignoreMissing)
    {
        var incomplete = status.Migrations.Where(m => m.State == MigrationState.Incomplete).Select(m => m.Version).ToArray();
        if (incomplete.Length > 0)
        {
            throw new IncompleteMigrationException(incomplete);
        }

        var problems = status.Migrations.Where(m => m.State == MigrationState.Modified || (m.State == MigrationState.Missing && !ignoreMissing)).ToArray();
        if (problems.Length > 0)
        {
            throw new MigrationValidationException(problems);
        }
    }
}
