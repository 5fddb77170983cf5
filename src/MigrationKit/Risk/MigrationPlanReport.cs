using System.Text.Json;
using MigrationKit.Inspection;
using MigrationKit.Planning;
using MigrationKit.Statistics;

namespace MigrationKit.Risk;

/// <summary>
/// A plan and its risk, made before anything runs: the steps in order with the exact commands the executor will run,
/// each graded on this database (rows, sizes, data checks, current activity), the safeguards, and duration estimates.
/// Immutable. Print it (<see cref="ToMarkdown"/>, <see cref="ToJson"/>, <see cref="ToMermaid"/>), then run exactly it
/// with <see cref="IMigrationRunner.ExecutePlanAsync"/>, which refuses it when the database moved on meanwhile.
/// </summary>
public sealed class MigrationPlanReport
{
    internal MigrationPlanReport(MigrationPlan plan, string database, DateTimeOffset plannedAt, IReadOnlyList<PlanStepReport> steps, DatabaseStatistics? statistics, DatabaseSchema touchedSchema)
    {
        Plan = plan;
        Database = database;
        PlannedAt = plannedAt;
        Steps = steps;
        Statistics = statistics;
        TouchedSchema = touchedSchema;
        Level = steps.Count == 0 ? RiskLevel.Low : steps.Max(s => s.Level);
        var low = TimeSpan.Zero;
        var high = TimeSpan.Zero;
        foreach (var step in steps)
        {
            low += step.Estimate.Low;
            high += step.Estimate.High;
        }

        var sources = steps.Select(s => s.Estimate.Source).Distinct(StringComparer.Ordinal).ToArray();
        Estimate = new DurationEstimate(low, high, sources.Length == 0 ? "nothing to run" : string.Join("; ", sources));
    }

    /// <summary>Up or down.</summary>
    public MigrationDirection Direction => Plan.Direction;

    /// <summary>What was asked for, in words (<c>latest</c>, a version, <c>2 step(s) back</c>).</summary>
    public string Target => Plan.Target.ToString();

    /// <summary>The version the database was at when planned (0 for none).</summary>
    public long FromVersion => Plan.FromVersion;

    /// <summary>The database, as the provider names it (never with a password).</summary>
    public string Database { get; }

    /// <summary>When the plan was made.</summary>
    public DateTimeOffset PlannedAt { get; }

    /// <summary>The plan's overall level: its worst step.</summary>
    public RiskLevel Level { get; }

    /// <summary>The steps, in the order they run.</summary>
    public IReadOnlyList<PlanStepReport> Steps { get; }

    /// <summary>Every finding of every step, in step order.</summary>
    public IReadOnlyList<RiskFinding> Findings => Steps.SelectMany(s => s.Findings).ToArray();

    /// <summary>The live facts the plan was graded with; <see langword="null"/> when the provider reads none.</summary>
    public DatabaseStatistics? Statistics { get; }

    /// <summary>How long the whole plan should take.</summary>
    public DurationEstimate Estimate { get; }

    /// <summary>Whether there is nothing to do.</summary>
    public bool IsEmpty => Steps.Count == 0;

    internal MigrationPlan Plan { get; }

    /// <summary>The applied versions and checksums the plan was made on; a run of the plan refuses to start when they changed.</summary>
    internal string HistoryFingerprint { get; init; } = string.Empty;

    /// <summary>The touched tables as they stand after the plan, for the diagram.</summary>
    internal DatabaseSchema TouchedSchema { get; }

    /// <summary>The plan as a Markdown document: the current state of the touched tables, then a table of steps (step, SQL, risk, reason, safeguards, estimate).</summary>
    /// <returns>The Markdown.</returns>
    public string ToMarkdown() => PlanMarkdown.Write(this);

    /// <summary>The plan as indented JSON (System.Text.Json, source-generated), enums as names.</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, PlanJsonContext.Default.MigrationPlanReport);

    /// <summary>A Mermaid ER diagram of the tables the plan touches, as they stand after it, with their keys and relations.</summary>
    /// <returns>The diagram source (<c>erDiagram …</c>).</returns>
    public string ToMermaid() => PlanMermaid.Write(TouchedSchema);
}
