using System.CommandLine;
using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Health;
using Spectre.Console;

namespace MigrationKit.Cli.Commands;

/// <summary>
/// <c>health</c>: whether the database answers and how fast, its version and size, the pending and incomplete
/// migrations, its tables, lock waits, the longest open transaction and the slowest statements. Exits 0 when the
/// database is reachable, 1 (as any connection failure) when it is not.
/// </summary>
internal sealed class HealthCommand : MigrationKitCommand
{
    private readonly Option<int?> _top = new("--top") { Description = "How many of the slowest statements to list (default 10; PostgreSQL with pg_stat_statements).", HelpName = "count" };

    private readonly Option<SlowStatementOrder?> _order = new("--order") { Description = "Rank the slowest statements by TotalTime (default) or MeanTime.", HelpName = "order" };

    public HealthCommand()
        : base("health", "Check the database: reachable, round-trip latency, version and size, pending and incomplete migrations, tables (rows, sizes, dead rows, last vacuum and analyze), lock waits, the longest open transaction and the slowest statements. Exits 1 when the database cannot be reached.")
    {
        Options.Add(_top);
        Options.Add(_order);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (top, order) = (context.ParseResult.GetValue(_top), context.ParseResult.GetValue(_order));
        var health = await context.Runner(o =>
        {
            o.Health.SlowStatementCount = top ?? o.Health.SlowStatementCount;
            o.Health.SlowStatementOrder = order ?? o.Health.SlowStatementOrder;
        }).GetHealthAsync(cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        if (output.Json)
        {
            output.Raw(health.ToJson() + "\n");
        }
        else if (health.Reachable)
        {
            Render(output, health);
        }

        if (!health.Reachable)
        {
            output.Problem(health.Error ?? $"{health.Database} cannot be reached.");
            return ExitCodes.Failure;
        }

        if (health.Error is not null)
        {
            output.Warning(health.Error);
        }

        return ExitCodes.Success;
    }

    private static void Render(CliOutput output, DatabaseHealth health)
    {
        var latency = health.Latency is { } l ? string.Create(CultureInfo.InvariantCulture, $", round trip {l.TotalMilliseconds:0.00} ms") : string.Empty;
        var size = health.DatabaseSizeBytes is { } bytes ? ", " + DatabaseHealth.FormatBytes(bytes) : string.Empty;
        output.Line($"{health.Database}: reachable{latency}, version {health.ServerVersion ?? "unknown"}{size}");
        output.Line(string.Create(CultureInfo.InvariantCulture, $"Migrations: at version {health.CurrentVersion}; pending: {Versions(health.PendingVersions)}; incomplete: {Versions(health.IncompleteVersions)}"));

        var tables = output.Table("Table", "Rows", "Size", "Indexes", "Dead rows", "Last vacuum", "Last analyze");
        foreach (var table in health.Tables)
        {
            tables.AddRow(
                output.Cell(table.Table + (table.IsBookkeeping ? " (MigrationKit)" : string.Empty)),
                output.Cell(table.Rows.ToString("N0", CultureInfo.InvariantCulture) + (table.RowsExact ? string.Empty : " ~")),
                output.Cell(Bytes(table.SizeBytes)),
                output.Cell(Bytes(table.IndexSizeBytes)),
                output.Cell(table.DeadRows?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a"),
                output.Cell(Latest(table.LastVacuum, table.LastAutovacuum, table.DeadRows is null)),
                output.Cell(Latest(table.LastAnalyze, table.LastAutoanalyze, table.DeadRows is null)));
        }

        output.Out.Write(tables);

        if (health.LockWaits.Count == 0)
        {
            output.Line("Lock waits: none");
        }
        else
        {
            var waits = output.Table("Waiting pid", "Lock", "Table", "Since", "Blocked by", "Application", "Query");
            foreach (var wait in health.LockWaits)
            {
                waits.AddRow(
                    output.Cell(wait.ProcessId.ToString(CultureInfo.InvariantCulture)),
                    output.Cell($"{wait.Mode} ({wait.LockType})"),
                    output.Cell(wait.Relation),
                    output.Cell(CliOutput.Time(wait.WaitingSince)),
                    output.Cell(string.Join(", ", wait.BlockingProcessIds)),
                    output.Cell(wait.ApplicationName),
                    output.Cell(wait.Query));
            }

            output.Line("Lock waits:");
            output.Out.Write(waits);
        }

        output.Line(health.LongestTransaction is { } transaction
            ? string.Create(CultureInfo.InvariantCulture, $"Longest open transaction: pid {transaction.ProcessId}, open {transaction.Age.TotalSeconds:0.0} s, {transaction.State}, application '{transaction.ApplicationName}': {transaction.Query}")
            : "Longest open transaction: none");

        if (health.SlowStatementsUnavailable is { } unavailable)
        {
            output.Line("Slowest statements: " + unavailable);
        }
        else
        {
            var statements = output.Table("Total", "Mean", "Calls", "Rows", "Statement");
            foreach (var statement in health.SlowStatements)
            {
                statements.AddRow(
                    output.Cell(CliOutput.Milliseconds(statement.TotalTime)),
                    output.Cell(CliOutput.Milliseconds(statement.MeanTime)),
                    output.Cell(statement.Calls.ToString("N0", CultureInfo.InvariantCulture)),
                    output.Cell(statement.Rows.ToString("N0", CultureInfo.InvariantCulture)),
                    output.Cell(statement.Query));
            }

            output.Line("Slowest statements:");
            output.Out.Write(statements);
        }

        foreach (var missing in health.NotAvailable)
        {
            output.Line("Not available: " + missing);
        }
    }

    private static string Versions(IReadOnlyList<long> versions) =>
        versions.Count == 0 ? "none" : string.Join(", ", versions.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Bytes(long? bytes) => bytes is { } b ? DatabaseHealth.FormatBytes(b) : "n/a";

    private static string Latest(DateTimeOffset? byHand, DateTimeOffset? automatic, bool unknown)
    {
        if (unknown)
        {
            return "n/a";
        }

        var latest = byHand > automatic || automatic is null ? byHand : automatic;
        return latest is null ? "never" : CliOutput.Time(latest) + (latest == automatic ? " (auto)" : string.Empty);
    }
}
