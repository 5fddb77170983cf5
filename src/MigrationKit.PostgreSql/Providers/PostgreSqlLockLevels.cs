using MigrationKit.Operations;
using MigrationKit.Planning;

namespace MigrationKit.PostgreSql;

/// <summary>
/// The table lock each operation's statements take on PostgreSQL (the documented lock mode of the statement form the
/// generator writes), one method per operation so that a new one must be classified.
/// </summary>
internal sealed class PostgreSqlLockLevels : IMigrationOperationVisitor<MigrationLockLevel?>
{
    public static readonly PostgreSqlLockLevels Instance = new();

    public MigrationLockLevel? Visit(AddCheckConstraintOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(AddColumnOperation operation) => MigrationLockLevel.AccessExclusive;

    // On both the referencing and the referenced table.
    public MigrationLockLevel? Visit(AddForeignKeyOperation operation) => MigrationLockLevel.ShareRowExclusive;

    public MigrationLockLevel? Visit(AddPrimaryKeyOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(AddUniqueConstraintOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(AlterColumnOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(CreateIndexOperation operation) =>
        operation.Concurrently ? MigrationLockLevel.ShareUpdateExclusive : MigrationLockLevel.Share;

    public MigrationLockLevel? Visit(CreateSchemaOperation operation) => null;

    // A new table is locked by nobody else; the tables it references get SHARE ROW EXCLUSIVE for its foreign keys.
    public MigrationLockLevel? Visit(CreateTableOperation operation) =>
        operation.ForeignKeys.Count > 0 ? MigrationLockLevel.ShareRowExclusive : MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(DeleteDataOperation operation) => MigrationLockLevel.RowExclusive;

    public MigrationLockLevel? Visit(DropCheckConstraintOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(DropColumnOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(DropForeignKeyOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(DropIndexOperation operation) =>
        operation.Concurrently ? MigrationLockLevel.ShareUpdateExclusive : MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(DropPrimaryKeyOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(DropSchemaOperation operation) => null;

    public MigrationLockLevel? Visit(DropTableOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(DropUniqueConstraintOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(InsertDataOperation operation) => MigrationLockLevel.RowExclusive;

    public MigrationLockLevel? Visit(RenameColumnOperation operation) => MigrationLockLevel.AccessExclusive;

    public MigrationLockLevel? Visit(RenameTableOperation operation) => MigrationLockLevel.AccessExclusive;

    // Raw SQL: not known.
    public MigrationLockLevel? Visit(SqlOperation operation) => null;

    public MigrationLockLevel? Visit(UpdateDataOperation operation) => MigrationLockLevel.RowExclusive;

    public MigrationLockLevel? Visit(ValidateConstraintOperation operation) => MigrationLockLevel.ShareUpdateExclusive;
}
