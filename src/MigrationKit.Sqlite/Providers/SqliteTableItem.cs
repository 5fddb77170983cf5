namespace MigrationKit.Sqlite;

/// <summary>One comma-separated item of a <c>CREATE TABLE</c> body: a column definition or a table constraint.</summary>
/// <param name="From">The index of its first token.</param>
/// <param name="To">The index just after its last token.</param>
/// <param name="Column">The column's name, or <see langword="null"/> for a table constraint.</param>
/// <param name="TypeFrom">For a column: the index of its type's first token (equal to <paramref name="TypeTo"/> when it has no type).</param>
/// <param name="TypeTo">For a column: the index just after its type.</param>
/// <param name="Clauses">A column's constraints in order, or the one table constraint.</param>
internal sealed record SqliteTableItem(int From, int To, string? Column, int TypeFrom, int TypeTo, IReadOnlyList<SqliteClause> Clauses)
{
    /// <summary>
    /// Whether part of the item does not follow the grammar the parser knows (its <see cref="Clauses"/> are then only
    /// those before that part). It is kept verbatim like any item; only an edit of the item itself is refused.
    /// </summary>
    public bool IsOpaque { get; init; }

    /// <summary>The first clause of a kind, if any.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The clause, or <see langword="null"/>.</returns>
    public SqliteClause? Find(SqliteClauseKind kind) => Clauses.FirstOrDefault(c => c.Kind == kind);
}
