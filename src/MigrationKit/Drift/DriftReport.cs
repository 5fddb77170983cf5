using System.Globalization;
using System.Text;

namespace MigrationKit.Drift;

/// <summary>The result of <see cref="IMigrationRunner.DetectDriftAsync"/>.</summary>
/// <param name="Version">The newest applied version: the schema was compared with what the migrations up to it create.</param>
/// <param name="ReplayedVersions">The applied versions replayed into the scratch database, in order (pending ones are not).</param>
/// <param name="Findings">The differences; empty when the database is exactly what its migrations made.</param>
public sealed record DriftReport(long Version, IReadOnlyList<long> ReplayedVersions, IReadOnlyList<DriftFinding> Findings)
{
    /// <summary>Whether the live schema differs from what its applied migrations create.</summary>
    public bool HasDrift => Findings.Count > 0;

    /// <summary>The findings, one a line with their fixes indented beneath, or a line saying there is no drift.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (!HasDrift)
        {
            return string.Create(CultureInfo.InvariantCulture, $"No drift: the schema is what the {ReplayedVersions.Count} applied migration(s) up to version {Version} create.");
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Findings.Count} difference(s) from what the {ReplayedVersions.Count} applied migration(s) up to version {Version} create:");
        foreach (var finding in Findings)
        {
            text.AppendLine().Append("- ").Append(finding);
            foreach (var statement in finding.FixSql)
            {
                text.AppendLine().Append("    fix: ").Append(statement);
            }
        }

        return text.ToString();
    }
}
