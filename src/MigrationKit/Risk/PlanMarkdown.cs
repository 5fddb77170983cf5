using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MigrationKit.Risk;

/// <summary>Writes a plan as Markdown a person reads before approving it.</summary>
internal static partial class PlanMarkdown
{
    public static string Write(MigrationPlanReport plan)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## Plan: {plan.Direction} to {plan.Target} on {plan.Database}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"From version {plan.FromVersion}, {plan.Steps.Count} step(s). Overall risk: **{plan.Level}**. Estimated duration: {plan.Estimate} ({plan.Estimate.Source}).\n\n");
        if (plan.Statistics is { } statistics)
        {
            text.Append(CultureInfo.InvariantCulture, $"Server {statistics.ServerVersion}");
            if (statistics.DatabaseSizeBytes is { } size)
            {
                text.Append(", database ").Append(Bytes(size));
            }

            text.Append(".\n\n");
            if (statistics.Tables.Count > 0)
            {
                text.Append("| table | rows | size | indexes | activity now |\n|---|---:|---:|---:|---|\n");
                foreach (var table in statistics.Tables)
                {
                    var activity = table.LockWaiters == 0 && table.LongTransactions == 0
                        ? "quiet"
                        : string.Create(CultureInfo.InvariantCulture, $"{table.LockWaiters} waiting, {table.LongTransactions} long transaction(s)");
                    text.Append(CultureInfo.InvariantCulture, $"| {table.Table} | {(table.RowsSource == Statistics.TableStatistics.BoundedCount ? "at least " : string.Empty)}{table.Rows:N0} ({table.RowsSource}) | {Bytes(table.SizeBytes)} | {Bytes(table.IndexSizeBytes)} | {activity} |\n");
                }

                text.Append('\n');
            }
        }
        else
        {
            text.Append("No live statistics: the provider reads none, so steps are graded on their statements alone.\n\n");
        }

        if (plan.Steps.Count == 0)
        {
            text.Append("Nothing to do.\n");
            return text.ToString();
        }

        text.Append("| step | SQL | risk | reason | safeguards | estimate |\n|---|---|---|---|---|---|\n");
        foreach (var step in plan.Steps)
        {
            var sql = string.Join("<br>", step.Commands.Select(c => "`" + Cell(c.Sql) + "`"));
            var reasons = step.Findings.Count == 0 ? "no finding" : string.Join("<br>", step.Findings.Select(f => Cell($"{f.RuleId} ({f.Level}): {f.Reason}")));
            var safeguards = step.Safeguards.Count == 0 ? "–" : string.Join("<br>", step.Safeguards.Select(s => Cell(s.ToString())));
            text.Append(CultureInfo.InvariantCulture, $"| {step.Version} {Cell(step.Description)} ({step.Direction}) | {sql} | **{step.Level}** | {reasons} | {safeguards} | {step.Estimate} |\n");
        }

        return text.ToString();
    }

    private static string Cell(string text) => Whitespace().Replace(text, " ").Replace("|", "\\|", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "–",
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} kB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };
}
