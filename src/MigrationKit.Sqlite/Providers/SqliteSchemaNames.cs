using MigrationKit.Operations;

namespace MigrationKit.Sqlite;

/// <summary>
/// A SQLite database is one schema, so the provider drops schema names from operations before it generates or
/// predicts anything: migrations written with <c>InSchema("app")</c> for PostgreSQL then run unchanged on SQLite,
/// and the predicted schema names tables the way the schema reader does (without a schema).
/// </summary>
internal static class SqliteSchemaNames
{
    /// <summary>Returns <paramref name="operation"/> with every table name unqualified.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The same operation without schema names.</returns>
    public static MigrationOperation Strip(MigrationOperation operation) => operation switch
    {
        CreateTableOperation o => o with { Table = Local(o.Table), ForeignKeys = o.ForeignKeys.Select(Local).ToArray() },
        DropTableOperation o => o with { Table = Local(o.Table) },
        RenameTableOperation o => o with { Table = Local(o.Table) },
        AddColumnOperation o => o with { Table = Local(o.Table) },
        DropColumnOperation o => o with { Table = Local(o.Table) },
        RenameColumnOperation o => o with { Table = Local(o.Table) },
        AlterColumnOperation o => o with { Table = Local(o.Table) },
        CreateIndexOperation o => o with { Table = Local(o.Table) },
        DropIndexOperation o => o with { Table = Local(o.Table) },
        AddPrimaryKeyOperation o => o with { Table = Local(o.Table) },
        DropPrimaryKeyOperation o => o with { Table = Local(o.Table) },
        AddUniqueConstraintOperation o => o with { Table = Local(o.Table) },
        DropUniqueConstraintOperation o => o with { Table = Local(o.Table) },
        AddForeignKeyOperation o => o with { Table = Local(o.Table), ForeignKey = Local(o.ForeignKey) },
        DropForeignKeyOperation o => o with { Table = Local(o.Table) },
        AddCheckConstraintOperation o => o with { Table = Local(o.Table) },
        DropCheckConstraintOperation o => o with { Table = Local(o.Table) },
        InsertDataOperation o => o with { Table = Local(o.Table) },
        UpdateDataOperation o => o with { Table = Local(o.Table) },
        DeleteDataOperation o => o with { Table = Local(o.Table) },
        _ => operation,
    };

    private static QualifiedName Local(QualifiedName name) => name.Schema is null ? name : name with { Schema = null };

    private static ForeignKeyDefinition Local(ForeignKeyDefinition key) =>
        key.PrincipalTable.Schema is null ? key : key with { PrincipalTable = Local(key.PrincipalTable) };
}
