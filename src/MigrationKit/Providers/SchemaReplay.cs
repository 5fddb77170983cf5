using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Providers;

/// <summary>Applies operations to a schema model: the expected schema without touching a database.</summary>
internal sealed class SchemaReplay(MigrationSqlGenerator generator, DatabaseSchema schema) : IMigrationOperationVisitor<DatabaseSchema>
{
    public static DatabaseSchema Apply(MigrationSqlGenerator generator, DatabaseSchema schema, MigrationOperation operation) =>
        operation.Accept(new SchemaReplay(generator, schema));

    public DatabaseSchema Visit(CreateTableOperation operation)
    {
        var table = new TableSchema(operation.Table, operation.Columns.Select(generator.ToColumnSchema).ToArray())
        {
            PrimaryKey = operation.PrimaryKey,
            UniqueConstraints = operation.UniqueConstraints,
            ForeignKeys = operation.ForeignKeys,
            CheckConstraints = operation.CheckConstraints,
        };
        return schema with { Tables = [.. schema.Tables.Where(t => t.Name != operation.Table), table] };
    }

    public DatabaseSchema Visit(DropTableOperation operation) =>
        schema with { Tables = schema.Tables.Where(t => t.Name != operation.Table).ToArray() };

    public DatabaseSchema Visit(RenameTableOperation operation)
    {
        var renamed = operation.Table with { Name = operation.NewName };
        return schema with
        {
            Tables = schema.Tables.Select(t => (t.Name == operation.Table ? t with { Name = renamed } : t) with
            {
                ForeignKeys = t.ForeignKeys.Select(f => f.PrincipalTable == operation.Table ? f with { PrincipalTable = renamed } : f).ToArray(),
            }).ToArray(),
        };
    }

    public DatabaseSchema Visit(AddColumnOperation operation) =>
        Update(schema, operation.Table, t => t with { Columns = [.. t.Columns, generator.ToColumnSchema(operation.Column)] });

    public DatabaseSchema Visit(DropColumnOperation operation) => Update(schema, operation.Table, t => t with
    {
        Columns = t.Columns.Where(c => c.Name != operation.Column).ToArray(),
        PrimaryKey = t.PrimaryKey is { } key && key.Columns.Contains(operation.Column) ? null : t.PrimaryKey,
        UniqueConstraints = t.UniqueConstraints.Where(u => !u.Columns.Contains(operation.Column)).ToArray(),
        ForeignKeys = t.ForeignKeys.Where(f => !f.Columns.Contains(operation.Column)).ToArray(),
        Indexes = t.Indexes.Where(i => !i.Columns.Contains(operation.Column)).ToArray(),
    });

    public DatabaseSchema Visit(RenameColumnOperation operation) => RenameColumn(schema, operation);

    public DatabaseSchema Visit(AlterColumnOperation operation) =>
        Update(schema, operation.Table, t => t with
        {
            // An altered column keeps what a column definition cannot say: its collation and generation.
            Columns = t.Columns.Select(c => c.Name == operation.Column.Name
                ? generator.ToColumnSchema(operation.Column) with { Collation = c.Collation, GeneratedSql = c.GeneratedSql, IsStored = c.IsStored }
                : c).ToArray(),
        });

    public DatabaseSchema Visit(CreateIndexOperation operation) => Update(schema, operation.Table, t => t with { Indexes = [.. t.Indexes, operation.Index] });

    public DatabaseSchema Visit(DropIndexOperation operation) => Update(schema, operation.Table, t => t with { Indexes = t.Indexes.Where(i => i.Name != operation.Name).ToArray() });

    public DatabaseSchema Visit(AddPrimaryKeyOperation operation) => Update(schema, operation.Table, t => t with
    {
        PrimaryKey = operation.PrimaryKey,
        Columns = t.Columns.Select(c => operation.PrimaryKey.Columns.Contains(c.Name) ? c with { IsNullable = false } : c).ToArray(),
    });

    public DatabaseSchema Visit(DropPrimaryKeyOperation operation) => Update(schema, operation.Table, t => t with { PrimaryKey = null });

    public DatabaseSchema Visit(AddUniqueConstraintOperation operation) => Update(schema, operation.Table, t => t with { UniqueConstraints = [.. t.UniqueConstraints, operation.Constraint] });

    public DatabaseSchema Visit(DropUniqueConstraintOperation operation) =>
        Update(schema, operation.Table, t => t with { UniqueConstraints = t.UniqueConstraints.Where(u => u.Name != operation.Name).ToArray() });

    public DatabaseSchema Visit(AddForeignKeyOperation operation) => Update(schema, operation.Table, t => t with { ForeignKeys = [.. t.ForeignKeys, operation.ForeignKey] });

    public DatabaseSchema Visit(DropForeignKeyOperation operation) =>
        Update(schema, operation.Table, t => t with { ForeignKeys = t.ForeignKeys.Where(f => f.Name != operation.Name).ToArray() });

    public DatabaseSchema Visit(AddCheckConstraintOperation operation) => Update(schema, operation.Table, t => t with { CheckConstraints = [.. t.CheckConstraints, operation.Constraint] });

    public DatabaseSchema Visit(DropCheckConstraintOperation operation) =>
        Update(schema, operation.Table, t => t with { CheckConstraints = t.CheckConstraints.Where(c => c.Name != operation.Name).ToArray() });

    // Schemas, validation, raw SQL and data change no table shape that can be predicted.
    public DatabaseSchema Visit(CreateSchemaOperation operation) => schema;

    public DatabaseSchema Visit(DropSchemaOperation operation) => schema;

    public DatabaseSchema Visit(ValidateConstraintOperation operation) => schema;

    public DatabaseSchema Visit(SqlOperation operation) => schema;

    public DatabaseSchema Visit(InsertDataOperation operation) => schema;

    public DatabaseSchema Visit(UpdateDataOperation operation) => schema;

    public DatabaseSchema Visit(DeleteDataOperation operation) => schema;

    private static DatabaseSchema RenameColumn(DatabaseSchema schema, RenameColumnOperation o)
    {
        string[] Rename(IReadOnlyList<string> columns) => columns.Select(c => c == o.Column ? o.NewName : c).ToArray();
        return schema with
        {
            Tables = schema.Tables.Select(t =>
            {
                var foreignKeys = t.ForeignKeys.Select(f => f.PrincipalTable == o.Table ? f with { PrincipalColumns = Rename(f.PrincipalColumns) } : f).ToArray();
                if (t.Name != o.Table)
                {
                    return t with { ForeignKeys = foreignKeys };
                }

                return t with
                {
                    Columns = t.Columns.Select(c => c.Name == o.Column ? c with { Name = o.NewName } : c).ToArray(),
                    PrimaryKey = t.PrimaryKey is null ? null : t.PrimaryKey with { Columns = Rename(t.PrimaryKey.Columns) },
                    UniqueConstraints = t.UniqueConstraints.Select(u => u with { Columns = Rename(u.Columns) }).ToArray(),
                    ForeignKeys = foreignKeys.Select(f => f with { Columns = Rename(f.Columns) }).ToArray(),
                    Indexes = t.Indexes.Select(i => i with { Columns = Rename(i.Columns) }).ToArray(),
                };
            }).ToArray(),
        };
    }

    private static DatabaseSchema Update(DatabaseSchema schema, QualifiedName table, Func<TableSchema, TableSchema> change) =>
        schema with { Tables = schema.Tables.Select(t => t.Name == table ? change(t) : t).ToArray() };
}
