using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>A table with its columns, keys, constraints, indexes and triggers.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The columns, in order.</param>
public sealed record TableSchema(QualifiedName Name, IReadOnlyList<ColumnSchema> Columns)
{
    /// <summary>The primary key, if any.</summary>
    public PrimaryKeyDefinition? PrimaryKey { get; init; }

    /// <summary>The unique constraints.</summary>
    public IReadOnlyList<UniqueConstraintDefinition> UniqueConstraints { get; init; } = [];

    /// <summary>The foreign keys.</summary>
    public IReadOnlyList<ForeignKeyDefinition> ForeignKeys { get; init; } = [];

    /// <summary>The check constraints.</summary>
    public IReadOnlyList<CheckConstraintDefinition> CheckConstraints { get; init; } = [];

    /// <summary>The indexes (not those that back a primary key or unique constraint).</summary>
    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = [];

    /// <summary>The triggers on the table.</summary>
    public IReadOnlyList<TriggerSchema> Triggers { get; init; } = [];

    /// <summary>
    /// The table's options, in upper case as the provider names them (SQLite: <c>STRICT</c>, <c>WITHOUT ROWID</c>), in
    /// the order they are declared; empty when it has none.
    /// </summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>
    /// The statement that created the table, as the database keeps it (SQLite: its text in <c>sqlite_schema</c>), so
    /// that a provider that must recreate the table can keep every clause as written; <see langword="null"/> when the
    /// provider keeps none. Not compared: the other members say what the table is.
    /// </summary>
    public string? Definition { get; init; }

    /// <summary>Finds a column by name (ordinal comparison).</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The column, or <see langword="null"/>.</returns>
    public ColumnSchema? FindColumn(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
