using System.Globalization;
using System.Text;

namespace MigrationKit.Risk;

/// <summary>
/// A run was refused before its first step: its plan is rated above <see cref="RiskOptions.RequireApprovalAbove"/>
/// and nobody approved it. Nothing was executed. Plan it with <see cref="IMigrationRunner.PlanAsync"/>, read the
/// findings, and run it with <see cref="IMigrationRunner.ExecutePlanAsync"/> and an approval callback.
/// </summary>
public sealed class RiskApprovalRequiredException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="level">The plan's level.</param>
    /// <param name="allowed">The highest level allowed without approval.</param>
    /// <param name="findings">The findings above the allowed level.</param>
    public RiskApprovalRequiredException(RiskLevel level, RiskLevel allowed, IReadOnlyList<RiskFinding> findings)
        : base(BuildMessage(level, allowed, findings))
    {
        Level = level;
        Allowed = allowed;
        Findings = findings;
    }

    /// <summary>The plan's level.</summary>
    public RiskLevel Level { get; }

    /// <summary>The highest level allowed without approval.</summary>
    public RiskLevel Allowed { get; }

    /// <summary>The findings above the allowed level.</summary>
    public IReadOnlyList<RiskFinding> Findings { get; }

    private static string BuildMessage(RiskLevel level, RiskLevel allowed, IReadOnlyList<RiskFinding> findings)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The plan is rated {level}, above the {allowed} allowed without approval (Options.Risk.RequireApprovalAbove); nothing was run. Findings:");
        foreach (var finding in findings)
        {
            text.Append("\n  - ").Append(finding);
        }

        text.Append("\nReview the plan (PlanAsync), then run it with ExecutePlanAsync and an approval callback, or raise RequireApprovalAbove.");
        return text.ToString();
    }
}
