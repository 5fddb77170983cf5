using System.Data.Common;
using Microsoft.Extensions.Logging;
using MigrationKit.Diagnostics;
using MigrationKit.History;

namespace MigrationKit.Runs;

/// <summary>
/// The record of one run that took the lock: written when the run starts its work (or, for a run that fails before
/// it has any, when it fails), counted as it goes, and finished in its own statement outside any step transaction,
/// so a run whose step failed and rolled back still ends as a failed run. A run that finds nothing to do writes nothing.
/// </summary>
internal sealed class RunRecorder
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _startedTimestamp;
    private MigrationRun _run;
    private bool _written;
    private int _steps;
    private int _retries;

    public RunRecorder(MigrationRunCommand command, string target, string appliedBy, TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
        _startedTimestamp = time.GetTimestamp();
        _run = new MigrationRun(Guid.NewGuid(), command, target, time.GetUtcNow())
        {
            AppliedBy = appliedBy,
            Host = Environment.MachineName,
            ProcessId = Environment.ProcessId,
        };
    }

    /// <summary>The run's id, stamped on its journal entries.</summary>
    public Guid RunId => _run.RunId;

    /// <summary>Counts a step committed.</summary>
    public void StepApplied() => Interlocked.Increment(ref _steps);

    /// <summary>Counts an attempt retried after a lock timeout.</summary>
    public void Retried() => Interlocked.Increment(ref _retries);

    /// <summary>Writes the run as started, at <paramref name="fromVersion"/> (creating the runs table of an older database).</summary>
    public async Task StartAsync(IMigrationHistory history, long fromVersion, CancellationToken cancellationToken)
    {
        _run = _run with { FromVersion = fromVersion };
        await history.StartRunAsync(_run, cancellationToken).ConfigureAwait(false);
        _written = true;
    }

    /// <summary>Records the run as succeeded at <paramref name="toVersion"/>, with <paramref name="steps"/> steps (the count so far when null).</summary>
    public Task SucceededAsync(IMigrationHistory history, long toVersion, int? steps, CancellationToken cancellationToken) =>
        FinishAsync(history, MigrationRunOutcome.Succeeded, toVersion, steps, error: null, cancellationToken);

    /// <summary>
    /// Records the run as failed (or cancelled) with <paramref name="error"/>; a run that failed before its start was
    /// written is written whole. A failure to write is logged, never thrown over the run's own error.
    /// </summary>
    public async Task FailedAsync(IMigrationHistory history, Exception error, bool cancelled)
    {
        var outcome = cancelled ? MigrationRunOutcome.Cancelled : MigrationRunOutcome.Failed;
        try
        {
            if (!_written)
            {
                await history.StartRunAsync(_run, CancellationToken.None).ConfigureAwait(false);
                _written = true;
            }

            await FinishAsync(history, outcome, toVersion: null, steps: null, cancelled ? "cancelled" : error.Message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DbException or MigrationKitException or InvalidOperationException)
        {
            // The run's own error is what the caller gets; an unfinished row reads as interrupted later.
            Log.RunRecordFailed(_logger, e, _run.RunId);
        }
    }

    private async Task FinishAsync(IMigrationHistory history, MigrationRunOutcome outcome, long? toVersion, int? steps, string? error, CancellationToken cancellationToken)
    {
        var elapsed = _time.GetElapsedTime(_startedTimestamp);
        _run = _run with
        {
            Outcome = outcome,
            ToVersion = toVersion,
            FinishedAt = _run.StartedAt + elapsed,
            Duration = elapsed,
            StepsApplied = steps ?? Volatile.Read(ref _steps),
            Retries = Volatile.Read(ref _retries),
            Error = error,
        };
        await history.FinishRunAsync(_run, cancellationToken).ConfigureAwait(false);
    }
}
