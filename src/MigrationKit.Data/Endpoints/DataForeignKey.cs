namespace MigrationKit.Data.Endpoints;

/// <summary>A foreign key as an <see cref="IDataCatalog"/> describes it.</summary>
/// <param name="Name">The constraint's name (on SQLite, which may leave it unnamed, <c>table_fk_n</c>).</param>
/// <param name="Table">The referencing (child) table.</param>
/// <param name="Columns">The referencing columns, in order.</param>
/// <param name="ReferencedTable">The referenced (parent) table.</param>
/// <param name="ReferencedColumns">The referenced columns, in the order of <paramref name="Columns"/>.</param>
/// <param name="IsValidated">Whether the engine has checked every row (false for PostgreSQL's <c>NOT VALID</c>).</param>
public sealed record DataForeignKey(string Name, string Table, IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns, bool IsValidated)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Table}({string.Join(", ", Columns)}) → {ReferencedTable}({string.Join(", ", ReferencedColumns)})";
}
