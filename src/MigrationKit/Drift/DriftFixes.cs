using System.Globalization;
using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Drift;

/// <summary>
/// The operations that would turn the live object of a <see cref="SchemaDifference"/> into the expected one; the
/// provider's generator writes them as SQL, so a fix is in the same dialect (and on SQLite the same rebuilds) as a
/// migration would be.
/// </summary>
internal static class DriftFixes
{
    public static IReadOnlyList<MigrationOperation> For(SchemaDifference difference, DatabaseSchema expected, DatabaseSchema actual)
    {
        if (difference.Table is not { } name)
        {
            return [];
        }

        var want = expected.FindTable(name);
        var have = actual.FindTable(name);
        return (difference.ObjectKind, difference.Kind) switch
        {
            (SchemaObjectKind.Table, SchemaDifferenceKind.Missing) when want is not null => CreateTable(want),
            (SchemaObjectKind.Table, SchemaDifferenceKind.Unexpected) => [new DropTableOperation(name)],
            (SchemaObjectKind.Column, SchemaDifferenceKind.Missing) when want?.FindColumn(difference.Name) is { } column => [new AddColumnOperation(name, Definition(column))],
            (SchemaObjectKind.Column, SchemaDifferenceKind.Unexpected) => [new DropColumnOperation(name, difference.Name)],
            (SchemaObjectKind.Column, SchemaDifferenceKind.Changed) when want?.FindColumn(difference.Name) is { } column && have?.FindColumn(difference.Name) is { } old =>
                [new AlterColumnOperation(name, Definition(column)) { OldColumn = Definition(old) }],
            (SchemaObjectKind.Index, _) => Replace(difference, want?.Indexes, i => i.Name, i => new CreateIndexOperation(name, i), n => new DropIndexOperation(name, n)),
            (SchemaObjectKind.ForeignKey, _) => Replace(difference, want?.ForeignKeys, k => k.Name, k => new AddForeignKeyOperation(name, k), n => new DropForeignKeyOperation(name, n)),
            (SchemaObjectKind.UniqueConstraint, _) => Replace(difference, want?.UniqueConstraints, u => u.Name, u => new AddUniqueConstraintOperation(name, u), n => new DropUniqueConstraintOperation(name, n)),
            (SchemaObjectKind.CheckConstraint, _) => Replace(difference, want?.CheckConstraints, c => c.Name, c => new AddCheckConstraintOperation(name, c), n => new DropCheckConstraintOperation(name, n)),
            _ => [],
        };
    }

    private static MigrationOperation[] CreateTable(TableSchema table) =>
    [
        new CreateTableOperation(table.Name, table.Columns.Select(Definition).ToArray())
        {
            PrimaryKey = table.PrimaryKey,
            UniqueConstraints = table.UniqueConstraints,
            ForeignKeys = table.ForeignKeys,
            CheckConstraints = table.CheckConstraints,
        },
        .. table.Indexes.Select(i => new CreateIndexOperation(table.Name, i)),
    ];

    /// <summary>Missing: add the expected object; unexpected: drop the live one; changed: drop it and add the expected one.</summary>
    private static MigrationOperation[] Replace<T>(SchemaDifference difference, IReadOnlyList<T>? expected, Func<T, string> nameOf, Func<T, MigrationOperation> add, Func<string, MigrationOperation> drop)
        where T : class
    {
        var wanted = (expected ?? []).FirstOrDefault(e => string.Equals(nameOf(e), difference.Name, StringComparison.Ordinal));
        return difference.Kind switch
        {
            SchemaDifferenceKind.Missing when wanted is not null => [add(wanted)],
            SchemaDifferenceKind.Unexpected => [drop(difference.Name)],
            SchemaDifferenceKind.Changed when wanted is not null => [drop(difference.Name), add(wanted)],
            _ => [],
        };
    }

    private static ColumnDefinition Definition(ColumnSchema column) => new(column.Name, ColumnType.Custom(column.StoreType))
    {
        IsNullable = column.IsNullable,
        Default = column.DefaultSql is null ? null : Default(column.DefaultSql.Trim()),
        IsIdentity = column.IsIdentity,
    };

    /// <summary>
    /// A default as read back: a plain number or string literal stays a constant, so the generator writes it as a
    /// literal (an expression it would parenthesize, and the database would then print differently); anything else is
    /// an expression, written as read.
    /// </summary>
    private static ColumnDefault Default(string sql)
    {
        if (long.TryParse(sql, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return ColumnDefault.Constant(integer);
        }

        if (sql.Length >= 2 && sql[0] == '\'' && sql[^1] == '\'' && !sql[1..^1].Replace("''", string.Empty, StringComparison.Ordinal).Contains('\'', StringComparison.Ordinal))
        {
            return ColumnDefault.Constant(sql[1..^1].Replace("''", "'", StringComparison.Ordinal));
        }

        return ColumnDefault.Sql(SqlExpression.Raw(sql));
    }
}
