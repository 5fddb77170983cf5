namespace MigrationKit.Sqlite;

/// <summary>One clause of a <c>CREATE TABLE</c> statement, located by token so that it can be kept, cut or replaced verbatim.</summary>
/// <param name="Kind">What the clause is.</param>
/// <param name="Name">The name after <c>CONSTRAINT</c>, or <see langword="null"/>.</param>
/// <param name="From">The index of its first token (<c>CONSTRAINT</c> when named).</param>
/// <param name="To">The index just after its last token.</param>
internal sealed record SqliteClause(SqliteClauseKind Kind, string? Name, int From, int To)
{
    /// <summary>For a table constraint: the columns it is over, as written (an expression key is kept as its first token).</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>For a foreign key: the referenced table.</summary>
    public string? Principal { get; init; }

    /// <summary>The collation's name, a check's or generated column's expression, or a default's value, verbatim.</summary>
    public string? Text { get; init; }

    /// <summary>The index of the first token of <see cref="Text"/>'s value, for a default (the token after <c>DEFAULT</c>).</summary>
    public int ValueFrom { get; init; }

    /// <summary>For a generated column: whether it is <c>STORED</c>.</summary>
    public bool Stored { get; init; }

    /// <summary>For a column's primary key: whether it is declared <c>AUTOINCREMENT</c>.</summary>
    public bool Autoincrement { get; init; }
}
