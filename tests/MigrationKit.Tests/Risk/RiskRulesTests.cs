using MigrationKit.Risk;

namespace MigrationKit.Tests.Risk;

/// <summary>The rule catalogue: stable, unique ids, at least twenty, every one documented in docs/risk-rules.md.</summary>
public sealed class RiskRulesTests
{
    [Test]
    public void All_IdsUniqueAndSequential()
    {
        var ids = RiskRules.All.Select(r => r.Id).ToArray();
        ids.Should().OnlyHaveUniqueItems().And.HaveCountGreaterThanOrEqualTo(20);
        ids.Should().Equal(Enumerable.Range(101, ids.Length).Select(n => "MK" + n));
    }

    [Test]
    public void All_DocumentedInRiskRulesPage()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "risk-rules.md")))
        {
            directory = directory.Parent;
        }

        directory.Should().NotBeNull("docs/risk-rules.md is in the repository");
        var page = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "risk-rules.md"));
        foreach (var id in RiskRules.All.Select(r => r.Id).Concat(["MK190", "MK191", "MK192", "MK193"]))
        {
            page.Should().Contain($"| {id} |", $"rule {id} has a row on the page");
        }
    }
}
