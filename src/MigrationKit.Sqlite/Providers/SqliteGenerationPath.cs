using MigrationKit.Operations;

namespace MigrationKit.Sqlite;

/// <summary>How the SQLite generator writes an operation.</summary>
internal enum SqliteGenerationPathKind
{
    /// <summary>No statement: SQLite has no schemas, and checks constraints as rows are written.</summary>
    Nothing,

    /// <summary>The standard statement.</summary>
    Standard,

    /// <summary><c>CREATE INDEX</c> without <c>CONCURRENTLY</c>.</summary>
    CreateIndex,

    /// <summary><c>DROP INDEX</c> by its unqualified name.</summary>
    DropIndex,

    /// <summary>A rename, written so that SQLite's rewrite of dependent text is reversible.</summary>
    Rename,

    /// <summary>A new table with foreign keys, whose referenced tables and columns are checked first.</summary>
    CreateTableWithForeignKeys,

    /// <summary>A change of an existing table: <c>ALTER TABLE</c> where SQLite has one for it, a table rebuild otherwise.</summary>
    ChangeTable,
}

/// <summary>The path for each operation: one method per operation, so a new one must be given its path.</summary>
/// <param name="Kind">How the operation is written.</param>
/// <param name="Table">For <see cref="SqliteGenerationPathKind.ChangeTable"/>: the table changed.</param>
internal readonly record struct SqliteGenerationPath(SqliteGenerationPathKind Kind, QualifiedName? Table = null)
{
    public static readonly IMigrationOperationVisitor<SqliteGenerationPath> Of = new Classifier();

    private sealed class Classifier : IMigrationOperationVisitor<SqliteGenerationPath>
    {
        private static readonly SqliteGenerationPath Standard = new(SqliteGenerationPathKind.Standard);
        private static readonly SqliteGenerationPath Nothing = new(SqliteGenerationPathKind.Nothing);

        public SqliteGenerationPath Visit(CreateSchemaOperation operation) => Nothing;

        public SqliteGenerationPath Visit(DropSchemaOperation operation) => Nothing;

        public SqliteGenerationPath Visit(ValidateConstraintOperation operation) => Nothing;

        public SqliteGenerationPath Visit(CreateIndexOperation operation) => new(SqliteGenerationPathKind.CreateIndex);

        public SqliteGenerationPath Visit(DropIndexOperation operation) => new(SqliteGenerationPathKind.DropIndex);

        public SqliteGenerationPath Visit(RenameTableOperation operation) => new(SqliteGenerationPathKind.Rename);

        public SqliteGenerationPath Visit(RenameColumnOperation operation) => new(SqliteGenerationPathKind.Rename);

        public SqliteGenerationPath Visit(CreateTableOperation operation) =>
            operation.ForeignKeys.Count > 0 ? new(SqliteGenerationPathKind.CreateTableWithForeignKeys) : Standard;

        public SqliteGenerationPath Visit(DropTableOperation operation) => Standard;

        public SqliteGenerationPath Visit(SqlOperation operation) => Standard;

        public SqliteGenerationPath Visit(InsertDataOperation operation) => Standard;

        public SqliteGenerationPath Visit(UpdateDataOperation operation) => Standard;

        public SqliteGenerationPath Visit(DeleteDataOperation operation) => Standard;

        public SqliteGenerationPath Visit(AddColumnOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(DropColumnOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(AlterColumnOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(AddPrimaryKeyOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(DropPrimaryKeyOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(AddUniqueConstraintOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(DropUniqueConstraintOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(AddForeignKeyOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(DropForeignKeyOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(AddCheckConstraintOperation operation) => Change(operation.Table);

        public SqliteGenerationPath Visit(DropCheckConstraintOperation operation) => Change(operation.Table);

        private static SqliteGenerationPath Change(QualifiedName table) => new(SqliteGenerationPathKind.ChangeTable, table);
    }
}
