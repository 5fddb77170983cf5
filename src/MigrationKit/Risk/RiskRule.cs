using MigrationKit.Statistics;

namespace MigrationKit.Risk;

/// <summary>
/// One risk rule: a stable id, the data checks it needs on the operation in hand (run by the planner in the statistics
/// round trip), and the findings it makes once the live facts are known. The catalogue is <see cref="RiskRules"/>.
/// </summary>
internal sealed class RiskRule(string id, string title, Func<RiskRuleContext, IEnumerable<RiskFinding>> evaluate, Func<RiskRuleContext, IEnumerable<DataCheck>>? checks = null)
{
    /// <summary>The stable id (<c>MK101</c> …).</summary>
    public string Id { get; } = id;

    /// <summary>What the rule is about, in a few words.</summary>
    public string Title { get; } = title;

    /// <summary>The data checks the rule needs for the operation of <paramref name="context"/>.</summary>
    public IEnumerable<DataCheck> Checks(RiskRuleContext context) => checks?.Invoke(context) ?? [];

    /// <summary>The findings for the operation of <paramref name="context"/>.</summary>
    public IEnumerable<RiskFinding> Evaluate(RiskRuleContext context) => evaluate(context);
}
