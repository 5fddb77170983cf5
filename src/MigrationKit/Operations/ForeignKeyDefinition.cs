namespace MigrationKit.Operations;

/// <summary>A foreign key.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Columns">The referencing columns.</param>
/// <param name="PrincipalTable">The referenced table.</param>
/// <param name="PrincipalColumns">The referenced columns.</param>
public sealed record ForeignKeyDefinition(string Name, IReadOnlyList<string> Columns, QualifiedName PrincipalTable, IReadOnlyList<string> PrincipalColumns)
{
    /// <summary>The action on delete of the referenced row.</summary>
    public ReferentialAction OnDelete { get; init; }

    /// <summary>The action on update of the referenced key.</summary>
    public ReferentialAction OnUpdate { get; init; }
}
