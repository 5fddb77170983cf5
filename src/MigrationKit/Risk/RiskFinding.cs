namespace MigrationKit.Risk;

/// <summary>One thing a risk rule found in a step, graded on this database.</summary>
/// <param name="RuleId">The rule's stable id (<c>MK101</c> …), documented in <c>docs/risk-rules.md</c>.</param>
/// <param name="Level">How dangerous it is here.</param>
/// <param name="Reason">Why, in plain words, with the live fact that set the level.</param>
public sealed record RiskFinding(string RuleId, RiskLevel Level, string Reason)
{
    /// <summary>The table concerned, when there is one.</summary>
    public string? Table { get; init; }

    /// <summary>The safer way to make the same change, when there is one.</summary>
    public string? SafeAlternative { get; init; }

    /// <summary>The finding on one line: level, id, reason.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Level} {RuleId}: {Reason}";
}
