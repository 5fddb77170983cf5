using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Providers;

/// <summary>Applies operations to a schema model: the expected schema without touching a database.</summary>
internal static class SchemaReplay
{
    public static DatabaseSchema Apply(MigrationSqlGenerator generator, DatabaseSchema schema, MigrationOperation operation)
    {
        switch (operation)
        {
            case CreateTableOperation o:
                var table = new TableSchema(o.Table, o.Columns.Select(generator.ToColumnSchema).ToArray())
                {
                    PrimaryKey = o.PrimaryKey,
                    UniqueConstraints = o.UniqueConstraints,
                    ForeignKeys = o.ForeignKeys,
                    CheckConstraints = o.CheckConstraints,
                };
                return schema with { Tables = [.. schema.Tables.Where(t => t.Name != o.Table), table] };
            case DropTableOperation o:
                return schema with { Tables = schema.Tables.Where(t => t.Name != o.Table).ToArray() };
            case RenameTableOperation o:
                var renamed = o.Table with { Name = o.NewName };
                return schema with
                {
                    Tables = schema.Tables.Select(t => (t.Name == o.Table ? t with { Name = renamed } : t) with
                    {
                        ForeignKeys = t.ForeignKeys.Select(f => f.PrincipalTable == o.Table ? f with { PrincipalTable = renamed } : f).ToArray(),
                    }).ToArray(),
                };
            case AddColumnOperation o:
                return Update(schema, o.Table, t => t with { Columns = [.. t.Columns, generator.ToColumnSchema(o.Column)] });
            case DropColumnOperation o:
                return Update(schema, o.Table, t => t with
                {
                    Columns = t.Columns.Where(c => c.Name != o.Column).ToArray(),
                    PrimaryKey = t.PrimaryKey is { } key && key.Columns.Contains(o.Column) ? null : t.PrimaryKey,
                    UniqueConstraints = t.UniqueConstraints.Where(u => !u.Columns.Contains(o.Column)).ToArray(),
                    ForeignKeys = t.ForeignKeys.Where(f => !f.Columns.Contains(o.Column)).ToArray(),
                    Indexes = t.Indexes.Where(i => !i.Columns.Contains(o.Column)).ToArray(),
                });
            case RenameColumnOperation o:
                return RenameColumn(schema, o);
            case AlterColumnOperation o:
                return Update(schema, o.Table, t => t with { Columns = t.Columns.Select(c => c.Name == o.Column.Name ? generator.ToColumnSchema(o.Column) : c).ToArray() });
            case CreateIndexOperation o:
                return Update(schema, o.Table, t => t with { Indexes = [.. t.Indexes, o.Index] });
            case DropIndexOperation o:
                return Update(schema, o.Table, t => t with { Indexes = t.Indexes.Where(i => i.Name != o.Name).ToArray() });
            case AddPrimaryKeyOperation o:
                return Update(schema, o.Table, t => t with
                {
                    PrimaryKey = o.PrimaryKey,
                    Columns = t.Columns.Select(c => o.PrimaryKey.Columns.Contains(c.Name) ? c with { IsNullable = false } : c).ToArray(),
                });
            case DropPrimaryKeyOperation o:
                return Update(schema, o.Table, t => t with { PrimaryKey = null });
            case AddUniqueConstraintOperation o:
                return Update(schema, o.Table, t => t with { UniqueConstraints = [.. t.UniqueConstraints, o.Constraint] });
            case DropUniqueConstraintOperation o:
                return Update(schema, o.Table, t => t with { UniqueConstraints = t.UniqueConstraints.Where(u => u.Name != o.Name).ToArray() });
            case AddForeignKeyOperation o:
                return Update(schema, o.Table, t => t with { ForeignKeys = [.. t.ForeignKeys, o.ForeignKey] });
            case DropForeignKeyOperation o:
                return Update(schema, o.Table, t => t with { ForeignKeys = t.ForeignKeys.Where(f => f.Name != o.Name).ToArray() });
            case AddCheckConstraintOperation o:
                return Update(schema, o.Table, t => t with { CheckConstraints = [.. t.CheckConstraints, o.Constraint] });
            case DropCheckConstraintOperation o:
                return Update(schema, o.Table, t => t with { CheckConstraints = t.CheckConstraints.Where(c => c.Name != o.Name).ToArray() });
            default:
                // Schemas, raw SQL and data change no table shape that can be predicted.
                return schema;
        }
    }

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
