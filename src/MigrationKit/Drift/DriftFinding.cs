using MigrationKit.Inspection;

namespace MigrationKit.Drift;

/// <summary>One way the live schema differs from what the applied migrations create, with the SQL that would fix it.</summary>
/// <param name="Difference">The difference: expected is what the migrations create, actual is what the database has.</param>
/// <param name="FixSql">
/// Statements that would make the database match the migrations, as the provider writes them; empty when no fix can be
/// derived (a column order, a primary key, a view or trigger body). Run them together, in order, on one connection
/// (a SQLite rebuild's statements depend on session settings its first ones make). Review before running: a fix that
/// drops an unexpected table or column destroys what is in it.
/// </param>
public sealed record DriftFinding(SchemaDifference Difference, IReadOnlyList<string> FixSql)
{
    /// <summary>Whether <see cref="FixSql"/> has statements.</summary>
    public bool CanFix => FixSql.Count > 0;

    /// <summary>The difference in words.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Difference.ToString();
}
