namespace MigrationKit.Sqlite;

/// <summary>
/// What the schema reader takes from a table's <c>CREATE TABLE</c> text because no pragma reports it: constraint
/// names, check expressions, defaults exactly as written, and <c>AUTOINCREMENT</c>.
/// </summary>
internal sealed class SqliteTableDefinition
{
    /// <summary>The primary key's constraint name, if it has one.</summary>
    public string? PrimaryKeyName { get; set; }

    /// <summary>The unique constraints, table-level and column-level.</summary>
    public List<SqliteParsedConstraint> UniqueConstraints { get; } = [];

    /// <summary>The foreign keys, table-level and column-level.</summary>
    public List<SqliteParsedConstraint> ForeignKeys { get; } = [];

    /// <summary>The check constraints, table-level and column-level.</summary>
    public List<SqliteParsedConstraint> CheckConstraints { get; } = [];

    /// <summary>Each column's default as written (with its parentheses, which <c>pragma_table_xinfo</c> strips).</summary>
    public Dictionary<string, string> Defaults { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The columns declared <c>AUTOINCREMENT</c>.</summary>
    public HashSet<string> AutoincrementColumns { get; } = new(StringComparer.OrdinalIgnoreCase);
}
