using MigrationKit.Operations;

namespace MigrationKit.Sqlite;

/// <summary>
/// A SQLite database is one schema, so the provider drops schema names from operations before it generates or
/// predicts anything: migrations written with <c>InSchema("app")</c> for PostgreSQL then run unchanged on SQLite,
/// and the predicted schema names tables the way the schema reader does (without a schema). One method per
/// operation, so a new operation with a table name cannot keep its schema by accident.
/// </summary>
internal sealed class SqliteSchemaNames : IMigrationOperationVisitor<MigrationOperation>
{
    private static readonly SqliteSchemaNames Instance = new();

    /// <summary>Returns <paramref name="operation"/> with every table name unqualified.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The same operation without schema names.</returns>
    public static MigrationOperation Strip(MigrationOperation operation) => operation.Accept(Instance);

    public MigrationOperation Visit(CreateTableOperation operation) => operation with { Table = Local(operation.Table), ForeignKeys = operation.ForeignKeys.Select(Local).ToArray() };

    public MigrationOperation Visit(DropTableOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(RenameTableOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(AddColumnOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(DropColumnOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(RenameColumnOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(AlterColumnOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(CreateIndexOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(DropIndexOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(AddPrimaryKeyOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(DropPrimaryKeyOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(AddUniqueConstraintOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(DropUniqueConstraintOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(AddForeignKeyOperation operation) => operation with { Table = Local(operation.Table), ForeignKey = Local(operation.ForeignKey) };

    public MigrationOperation Visit(DropForeignKeyOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(AddCheckConstraintOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(DropCheckConstraintOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(InsertDataOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(UpdateDataOperation operation) => operation with { Table = Local(operation.Table) };

    public MigrationOperation Visit(DeleteDataOperation operation) => operation with { Table = Local(operation.Table) };

    // SQLite checks constraints as rows are written: validating generates nothing, so its table name does not matter.
    public MigrationOperation Visit(ValidateConstraintOperation operation) => operation;

    // Schemas generate nothing on SQLite; raw SQL is run as written.
    public MigrationOperation Visit(CreateSchemaOperation operation) => operation;

    public MigrationOperation Visit(DropSchemaOperation operation) => operation;

    public MigrationOperation Visit(SqlOperation operation) => operation;

    private static QualifiedName Local(QualifiedName name) => name.Schema is null ? name : name with { Schema = null };

    private static ForeignKeyDefinition Local(ForeignKeyDefinition key) =>
        key.PrincipalTable.Schema is null ? key : key with { PrincipalTable = Local(key.PrincipalTable) };
}
