namespace MigrationKit.Operations;

/// <summary>A column as declared in a migration.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The provider-neutral type.</param>
public sealed record ColumnDefinition(string Name, ColumnType Type)
{
    /// <summary>Whether the column accepts nulls.</summary>
    public bool IsNullable { get; init; } = true;

    /// <summary>The default, if any.</summary>
    public ColumnDefault? Default { get; init; }

    /// <summary>Whether the database generates values (identity / autoincrement).</summary>
    public bool IsIdentity { get; init; }
}
