namespace MigrationKit.Sqlite.Tests.Providers.RebuildPreservation;

/// <summary>
/// One feature of SQLite's <c>CREATE TABLE</c> / <c>CREATE INDEX</c> grammar, used by a table <see cref="Table"/> that
/// also has a plain column (<see cref="Target"/>, written as <see cref="TargetSql"/>) whose change forces a rebuild.
/// </summary>
/// <param name="Feature">The grammar feature, as the report names it.</param>
/// <param name="Setup">The statements that create the table (and its indexes, triggers, views) and fill it.</param>
/// <param name="Table">The rebuilt table.</param>
/// <param name="Target">The column the migration changes.</param>
/// <param name="TargetSql">The target column's definition exactly as <paramref name="Setup"/> writes it.</param>
/// <param name="Probes">Queries whose results show the feature's behaviour; a probe may write, and runs in a savepoint that is rolled back.</param>
public sealed record SqliteGrammarCase(string Feature, string Setup, string Table, string Target, string TargetSql, params string[] Probes)
{
    /// <inheritdoc />
    public override string ToString() => Feature;
}
