using System.Globalization;
using MigrationKit.Operations;

namespace MigrationKit.Benchmarks.Repository;

/// <summary>The agents the repository scenario inserts: the same names and statuses on every path.</summary>
public static class AgentRows
{
    /// <summary>The row values, <c>(name, status)</c>, of <paramref name="count"/> agents.</summary>
    /// <param name="count">How many agents.</param>
    /// <returns>The rows.</returns>
    public static AgentRow[] Create(int count) =>
        Enumerable.Range(1, count).Select(i => new AgentRow(string.Create(CultureInfo.InvariantCulture, $"agent-{i:D6}"), i % 2 == 0 ? "busy" : "idle")).ToArray();

    /// <summary>Records the insert of <paramref name="count"/> agents with <see cref="MigrationBuilder.InsertData"/>.</summary>
    /// <param name="migration">The builder.</param>
    /// <param name="count">How many agents.</param>
    public static void Insert(MigrationBuilder migration, int count)
    {
        ArgumentNullException.ThrowIfNull(migration);
        migration.InsertData("agents", ["name", "status"], Create(count).Select(r => new object?[] { r.Name, r.Status }).ToArray());
    }
}

/// <summary>One agent row.</summary>
/// <param name="Name">The unique name.</param>
/// <param name="Status">The status.</param>
public sealed record AgentRow(string Name, string Status);

/// <summary>Inserts 100 agents: today the only data API of MigrationKit is <c>InsertData</c> inside a migration.</summary>
[Migration(2026_11_23_0100, "Insert 100 agents")]
public sealed class InsertHundredAgents : Migration
{
    /// <inheritdoc />
    public override void Up(MigrationBuilder migration) => AgentRows.Insert(migration, 100);
}

/// <summary>Inserts 100,000 agents with <c>InsertData</c>.</summary>
[Migration(2026_11_23_0200, "Insert 100,000 agents")]
public sealed class InsertHundredThousandAgents : Migration
{
    /// <inheritdoc />
    public override void Up(MigrationBuilder migration) => AgentRows.Insert(migration, 100_000);
}
