using System.CommandLine;
using MigrationKit.Risk;

namespace MigrationKit.Cli.Commands;

/// <summary>
/// <c>plan</c>: what a run would do and how risky it is on this database (rules MK101…, graded with live statistics),
/// without running anything; <c>--max-risk</c> turns a plan above the level into exit code 5 for pipelines.
/// </summary>
internal sealed class PlanCommand : MigrationKitCommand
{
    private readonly Option<long?> _to = new("--to") { Description = "Plan up to this version (default: all pending).", HelpName = "version" };

    private readonly Option<long?> _down = new("--down-to") { Description = "Plan a run down to this version instead (0 reverts all).", HelpName = "version" };

    private readonly Option<int?> _steps = new("--rollback") { Description = "Plan reverting the last N applied migrations instead.", HelpName = "steps" };

    private readonly Option<RiskLevel?> _maxRisk = new("--max-risk")
    {
        Description = $"Exit with {ExitCodes.RiskAboveMaximum} when the plan is rated above this level (Low, Medium, High, Critical).",
        HelpName = "level",
    };

    private readonly Option<bool> _mermaid = new("--mermaid") { Description = "Also print a Mermaid ER diagram of the tables the plan touches." };

    public PlanCommand()
        : base("plan", "Show what 'up' (or a run down, or a rollback) would do and grade its risk on this database: each step's SQL, risk level with reasons, safeguards and estimated duration. Nothing is changed.")
    {
        Options.Add(_to);
        Options.Add(_down);
        Options.Add(_steps);
        Options.Add(_maxRisk);
        Options.Add(_mermaid);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var parse = context.ParseResult;
        var (to, down, steps) = (parse.GetValue(_to), parse.GetValue(_down), parse.GetValue(_steps));
        if (new object?[] { to, down, steps }.Count(v => v is not null) > 1)
        {
            throw new CommandLineException("Give at most one of --to, --down-to and --rollback.");
        }

        var runner = context.Runner();
        var plan = down is { } downTo ? await runner.PlanDownAsync(downTo, cancellationToken).ConfigureAwait(false)
            : steps is { } back ? await runner.PlanRollbackAsync(back, cancellationToken).ConfigureAwait(false)
            : await runner.PlanAsync(to, cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        if (output.Json)
        {
            output.Raw(plan.ToJson() + "\n");
        }
        else
        {
            output.Raw(plan.ToMarkdown() + "\n");
            if (parse.GetValue(_mermaid))
            {
                output.Raw("\n" + plan.ToMermaid() + "\n");
            }
        }

        if (parse.GetValue(_maxRisk) is { } max && !plan.IsEmpty && plan.Level > max)
        {
            output.Problem($"The plan is rated {plan.Level}, above --max-risk {max}: {string.Join("; ", plan.Findings.Where(f => f.Level > max).Select(f => f.ToString()))}");
            return ExitCodes.RiskAboveMaximum;
        }

        return ExitCodes.Success;
    }
}
