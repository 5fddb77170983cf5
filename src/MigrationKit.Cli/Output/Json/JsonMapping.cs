using MigrationKit.Checkpoints;
using MigrationKit.Cli.Connections;
using MigrationKit.History;
using MigrationKit.Runs;

namespace MigrationKit.Cli.Output.Json;

/// <summary>The library's results in the tool's documented JSON shapes (free text masked of secrets).</summary>
internal static class JsonMapping
{
    public static StatusItem ToItem(this MigrationStatusEntry entry) =>
        new(entry.Version, entry.Description, entry.State, entry.AppliedAt, entry.Duration?.TotalMilliseconds);

    public static StatusDocument ToDocument(this MigrationStatus status) =>
        new(status.CurrentVersion, status.IsUpToDate, status.Pending.Count, status.Migrations.Select(ToItem).ToArray());

    public static RunDocument ToDocument(this MigrationResult result) =>
        new(result.RunId, result.Direction, result.FromVersion, result.ToVersion, result.Steps.Select(ToItem).ToArray());

    public static StepItem ToItem(this MigrationStepResult step) =>
        new(step.Version, step.Description, step.Direction, step.Duration.TotalMilliseconds);

    public static ScriptDocument ToDocument(this MigrationScript script) =>
        new(script.Steps.Select(s => new ScriptStepItem(s.Version, s.Description, s.Direction, s.Transactional, s.Statements)).ToArray());

    public static HistoryItem ToItem(this AppliedMigration row) =>
        new(row.Version, row.Description, row.Checksum, row.AppliedAt, row.Duration.TotalMilliseconds, row.AppliedBy, row.LibraryVersion);

    public static JournalItem ToItem(this JournalEntry entry, ConnectionSecrets secrets) =>
        new(entry.Id, entry.RunId, entry.Version, entry.Action, entry.Status, entry.OccurredAt, entry.Duration?.TotalMilliseconds,
            entry.Error is null ? null : secrets.Apply(entry.Error), entry.AppliedBy);

    public static RunRecordItem ToItem(this MigrationRun run, ConnectionSecrets secrets) =>
        new(run.RunId, run.Command, run.Target, run.Outcome, run.AppliedBy, run.Host, run.ProcessId, run.StartedAt, run.FinishedAt,
            run.Duration?.TotalMilliseconds, run.FromVersion, run.ToVersion, run.StepsApplied, run.Retries,
            run.Error is null ? null : secrets.Apply(run.Error), run.Entries.Select(e => e.ToItem(secrets)).ToArray());

    public static RunStatisticsDocument ToDocument(this RunStatistics statistics) =>
        new(statistics.Since, statistics.Days.Select(ToItem).ToArray(), statistics.Total.ToItem());

    public static RunFiguresItem ToItem(this RunFigures figures) =>
        new(figures.Day, figures.Runs, figures.Failures, figures.ErrorRate, figures.Steps, figures.StepDurationP50?.TotalMilliseconds, figures.StepDurationP95?.TotalMilliseconds);

    public static CheckpointItem ToItem(this Checkpoint checkpoint) =>
        new(checkpoint.Id, checkpoint.Version, checkpoint.CreatedAt, checkpoint.Level, checkpoint.Kind, checkpoint.SizeBytes,
            checkpoint.Sha256, checkpoint.Provider, checkpoint.ServerVersion, checkpoint.FileName, checkpoint.Description);

    public static RestoreDocument ToDocument(this CheckpointRestoreResult restore) =>
        new(restore.Checkpoint.ToItem(), restore.Version, restore.TableCount, restore.JournalEntriesKept, restore.Duration.TotalMilliseconds,
            restore.Status.Migrations.Select(ToItem).ToArray());
}
