namespace MigrationKit;

/// <summary>The result of checking that every Down undoes its Up.</summary>
/// <param name="Checked">The versions checked, in order.</param>
/// <param name="Problems">The migrations whose Down does not restore the schema.</param>
public sealed record ReversibilityReport(IReadOnlyList<long> Checked, IReadOnlyList<ReversibilityProblem> Problems)
{
    /// <summary>Whether every checked migration reverses cleanly.</summary>
    public bool IsReversible => Problems.Count == 0;

    /// <inheritdoc />
    public override string ToString() => IsReversible
        ? $"{Checked.Count} migration(s) checked; every Down restores the schema."
        : $"{Problems.Count} of {Checked.Count} migration(s) do not reverse cleanly:\n" + string.Join('\n', Problems.Select(p =>
            $"  {p.Version} '{p.Description}': " + (p.Error ?? string.Join("; ", p.Differences))));
}
