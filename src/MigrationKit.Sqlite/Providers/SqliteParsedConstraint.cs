namespace MigrationKit.Sqlite;

/// <summary>A constraint as written in a <c>CREATE TABLE</c> statement: what the pragmas do not report.</summary>
/// <param name="Name">The name after <c>CONSTRAINT</c>, or <see langword="null"/> when it has none.</param>
/// <param name="Columns">The constrained columns, as written (empty for a check).</param>
/// <param name="PrincipalTable">For a foreign key, the referenced table as written.</param>
/// <param name="Expression">For a check, the expression between its parentheses, verbatim.</param>
internal sealed record SqliteParsedConstraint(string? Name, IReadOnlyList<string> Columns, string? PrincipalTable = null, string? Expression = null);
