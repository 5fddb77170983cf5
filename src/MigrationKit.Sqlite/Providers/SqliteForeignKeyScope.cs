using MigrationKit.Operations;

namespace MigrationKit.Sqlite;

/// <summary>
/// What the foreign-key check before commit must cover after one operation: nothing (schemas, a new index, a new table
/// without foreign keys), one new table (a new table with foreign keys is empty, so only a reference to columns that
/// are not a key can fail), or the whole database (data, raw SQL, a rebuild, a drop or a rename can leave rows without
/// a parent anywhere). One method per operation, so a new one must say which.
/// </summary>
/// <param name="Everything">Whether the whole database must be checked.</param>
/// <param name="NewTable">The new table to check, when only that one is.</param>
internal readonly record struct SqliteForeignKeyScope(bool Everything, string? NewTable)
{
    public static readonly IMigrationOperationVisitor<SqliteForeignKeyScope> Of = new Classifier();

    private static readonly SqliteForeignKeyScope None = new(Everything: false, NewTable: null);

    private static readonly SqliteForeignKeyScope All = new(Everything: true, NewTable: null);

    private sealed class Classifier : IMigrationOperationVisitor<SqliteForeignKeyScope>
    {
        public SqliteForeignKeyScope Visit(CreateTableOperation operation) =>
            operation.ForeignKeys.Count > 0 ? new(Everything: false, operation.Table.Name) : None;

        public SqliteForeignKeyScope Visit(CreateIndexOperation operation) => None;

        public SqliteForeignKeyScope Visit(CreateSchemaOperation operation) => None;

        public SqliteForeignKeyScope Visit(DropSchemaOperation operation) => None;

        public SqliteForeignKeyScope Visit(AddCheckConstraintOperation operation) => All;

        public SqliteForeignKeyScope Visit(AddColumnOperation operation) => All;

        public SqliteForeignKeyScope Visit(AddForeignKeyOperation operation) => All;

        public SqliteForeignKeyScope Visit(AddPrimaryKeyOperation operation) => All;

        public SqliteForeignKeyScope Visit(AddUniqueConstraintOperation operation) => All;

        public SqliteForeignKeyScope Visit(AlterColumnOperation operation) => All;

        public SqliteForeignKeyScope Visit(DeleteDataOperation operation) => All;

        public SqliteForeignKeyScope Visit(DropCheckConstraintOperation operation) => All;

        public SqliteForeignKeyScope Visit(DropColumnOperation operation) => All;

        public SqliteForeignKeyScope Visit(DropForeignKeyOperation operation) => All;

        public SqliteForeignKeyScope Visit(DropIndexOperation operation) => All;

        public SqliteForeignKeyScope Visit(DropPrimaryKeyOperation operation) => All;

        public SqliteForeignKeyScope Visit(DropTableOperation operation) => All;

        public SqliteForeignKeyScope Visit(DropUniqueConstraintOperation operation) => All;

        public SqliteForeignKeyScope Visit(InsertDataOperation operation) => All;

        public SqliteForeignKeyScope Visit(RenameColumnOperation operation) => All;

        public SqliteForeignKeyScope Visit(RenameTableOperation operation) => All;

        public SqliteForeignKeyScope Visit(SqlOperation operation) => All;

        public SqliteForeignKeyScope Visit(UpdateDataOperation operation) => All;

        public SqliteForeignKeyScope Visit(ValidateConstraintOperation operation) => All;
    }
}
