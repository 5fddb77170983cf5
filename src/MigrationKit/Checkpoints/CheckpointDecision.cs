using System.Globalization;
using MigrationKit.Planning;

namespace MigrationKit.Checkpoints;

/// <summary>
/// Whether a run takes a checkpoint before its first step, and why, from the options and the plan alone; tested
/// without a database.
/// </summary>
internal static class CheckpointDecision
{
    /// <summary>
    /// The reason to take a checkpoint before <paramref name="plan"/>, or <see langword="null"/> for none: only runs up
    /// take one; a custom policy decides when set; otherwise Always, or BeforeRiskyMigrations when a step runs without a
    /// transaction or can destroy data.
    /// </summary>
    public static async ValueTask<string?> ReasonAsync(CheckpointOptions options, MigrationPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Direction != MigrationDirection.Up || (options.CustomPolicy is null && options.Policy == CheckpointPolicy.Never))
        {
            return null;
        }

        var pending = Pending(plan);
        if (options.CustomPolicy is { } custom)
        {
            return await custom.ShouldCheckpointAsync(pending, cancellationToken).ConfigureAwait(false) ? $"the custom policy {custom.GetType().Name} asked for one" : null;
        }

        if (options.Policy == CheckpointPolicy.BeforeHighRisk)
        {
            // Decided by the checkpoint service on the plan graded with live statistics.
            return null;
        }

        if (options.Policy == CheckpointPolicy.Always)
        {
            return "the policy is Always";
        }

        var risky = pending
            .Where(m => m.Transaction == MigrationTransactionMode.None || m.Destructive)
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"migration {m.Version} '{m.Description}' {(m.Transaction == MigrationTransactionMode.None ? "runs without a transaction" : "is destructive")}"))
            .ToArray();
        return risky.Length == 0 ? null : string.Join("; ", risky);
    }

    /// <summary>The plan's migrations as a policy sees them: <see cref="MigrationInfo.Destructive"/> also set when an operation of the step can destroy data.</summary>
    public static IReadOnlyList<MigrationInfo> Pending(MigrationPlan plan) =>
        plan.Steps.Select(s => s.Migration.Info with { Destructive = s.Migration.Info.Destructive || s.Operations.Any(o => o.IsDestructive) }).ToArray();
}
