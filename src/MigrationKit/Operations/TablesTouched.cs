namespace MigrationKit.Operations;

/// <summary>The tables an operation reads or changes: its own table, and for a foreign key the referenced one too.</summary>
internal sealed class TablesTouched : IMigrationOperationVisitor<IReadOnlyList<QualifiedName>>
{
    public static readonly TablesTouched Instance = new();

    public IReadOnlyList<QualifiedName> Visit(AddCheckConstraintOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(AddColumnOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(AddForeignKeyOperation operation) =>
        operation.ForeignKey.PrincipalTable == operation.Table ? [operation.Table] : [operation.Table, operation.ForeignKey.PrincipalTable];

    public IReadOnlyList<QualifiedName> Visit(AddPrimaryKeyOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(AddUniqueConstraintOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(AlterColumnOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(CreateIndexOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(CreateSchemaOperation operation) => [];

    public IReadOnlyList<QualifiedName> Visit(CreateTableOperation operation) =>
        [operation.Table, .. operation.ForeignKeys.Select(f => f.PrincipalTable).Where(t => t != operation.Table).Distinct()];

    public IReadOnlyList<QualifiedName> Visit(DeleteDataOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(DropCheckConstraintOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(DropColumnOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(DropForeignKeyOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(DropIndexOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(DropPrimaryKeyOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(DropSchemaOperation operation) => [];

    public IReadOnlyList<QualifiedName> Visit(DropTableOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(DropUniqueConstraintOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(InsertDataOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(RenameColumnOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(RenameTableOperation operation) => [operation.Table];

    // Raw SQL names no table the model knows.
    public IReadOnlyList<QualifiedName> Visit(SqlOperation operation) => [];

    public IReadOnlyList<QualifiedName> Visit(UpdateDataOperation operation) => [operation.Table];

    public IReadOnlyList<QualifiedName> Visit(ValidateConstraintOperation operation) => [operation.Table];
}
