using System.CommandLine;
using System.Globalization;
using MigrationKit.Cli.Output;
using MigrationKit.Cli.Output.Json;
using MigrationKit.Rollback;

namespace MigrationKit.Cli.Commands;

/// <summary><c>rollback [--steps N]</c>: goes back N migrations the safest way (Downs, or a checkpoint when a Down would lose data), saying why.</summary>
internal sealed class RollbackCommand : MigrationKitCommand
{
    private readonly Option<int> _steps = new("--steps") { Description = "How many applied migrations to undo (default 1).", HelpName = "count", DefaultValueFactory = _ => 1 };

    public RollbackCommand()
        : base("rollback", "Undo the last --steps migrations: through their Downs, or by restoring a checkpoint (from --checkpoint-dir) when a Down is missing or would lose data.")
    {
        _steps.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--steps must be 1 or more.");
            }
        });
        Options.Add(_steps);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var result = await context.Runner().RollbackManager
            .RollbackAsync(RollbackTarget.StepsBack(context.ParseResult.GetValue(_steps)), cancellationToken).ConfigureAwait(false);
        var output = context.Output;
        var plan = result.Plan;
        if (output.Json)
        {
            output.WriteJson(
                new RollbackDocument(plan.Method, plan.Reason, plan.FromVersion, result.Version, result.Duration.TotalMilliseconds, plan.Reverted, plan.Reapplied, plan.Checkpoint?.ToItem()),
                CliJsonContext.Output.RollbackDocument);
            return ExitCodes.Success;
        }

        if (result.Down is { } down)
        {
            StepsTable.Write(output, down);
        }

        var method = plan.Method == RollbackMethod.Logical ? "through the Down migrations" : $"by restoring {plan.Checkpoint}";
        output.Line(string.Create(CultureInfo.InvariantCulture, $"Rolled back from version {plan.FromVersion} to {result.Version} {method}. {plan.Reason}"));
        if (result.Up is { NothingToDo: false } up)
        {
            output.Line("Re-applied after the restore: " + string.Join(", ", up.Steps.Select(s => s.Version.ToString(CultureInfo.InvariantCulture))));
        }

        return ExitCodes.Success;
    }
}
