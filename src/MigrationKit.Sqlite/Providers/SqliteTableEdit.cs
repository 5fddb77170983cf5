using MigrationKit.Inspection;
using MigrationKit.Operations;

namespace MigrationKit.Sqlite;

/// <summary>
/// Writes a table's new <c>CREATE TABLE</c> statement for a change by editing the statement SQLite keeps: only the
/// targeted column or constraint changes; every other clause (collations, generated columns, <c>STRICT</c>,
/// <c>WITHOUT ROWID</c>, <c>AUTOINCREMENT</c>, conflict clauses, unnamed constraints, explicit <c>NO ACTION</c>,
/// comments and spacing) stays as written. A change that contradicts the definition is refused with
/// <see cref="SqliteRebuildNotSupportedException"/>.
/// </summary>
internal static class SqliteTableEdit
{
    private static readonly string[] StrictTypes = ["INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"];

    /// <summary>The table's statement after the operation.</summary>
    /// <param name="generator">Writes new clauses.</param>
    /// <param name="table">The table before the operation, with its <see cref="TableSchema.Definition"/>.</param>
    /// <param name="operation">A change of that table.</param>
    /// <returns>The new statement.</returns>
    /// <exception cref="SqliteRebuildNotSupportedException">The statement cannot be taken apart, or the change contradicts it.</exception>
    public static string Apply(SqliteSqlGenerator generator, TableSchema table, MigrationOperation operation)
    {
        var text = SqliteCreateTable.Parse(table.Definition!)
            ?? throw Refuse(table, operation, "its CREATE TABLE statement", "MigrationKit cannot take the statement apart to keep it as written. Rebuild the table with raw SQL (migration.Sql(...)) instead");
        switch (operation)
        {
            case AlterColumnOperation o:
                AlterColumn(generator, table, text, o);
                break;
            case AddColumnOperation o:
                text.InsertAfter(text.Columns.Last(), generator.ColumnDefinitionSql(o.Column));
                break;
            case DropColumnOperation o:
                DropColumn(table, text, o);
                break;
            case AddPrimaryKeyOperation o:
                foreach (var column in o.PrimaryKey.Columns)
                {
                    if (table.FindColumn(column) is { IsNullable: true } && text.FindColumn(column) is { IsOpaque: false } item)
                    {
                        // The model makes key columns NOT NULL (SQLite would otherwise accept nulls in the key).
                        text.InsertAfterToken(item.TypeTo - 1, " NOT NULL");
                    }
                }

                text.InsertAfter(text.Items[^1], generator.PrimaryKeyClause(o.PrimaryKey));
                break;
            case DropPrimaryKeyOperation o:
                if (text.Options.Contains("WITHOUT ROWID"))
                {
                    throw Refuse(table, operation, "WITHOUT ROWID", "a WITHOUT ROWID table must have a primary key. Replace the key in one step instead (a new table with raw SQL), or keep it");
                }

                RemoveConstraint(text, text.Items.SelectMany(i => i.Clauses.Select(c => (i, c))).FirstOrDefault(p => p.c.Kind == SqliteClauseKind.PrimaryKey), table, o);
                break;
            case AddUniqueConstraintOperation o:
                text.InsertAfter(text.Items[^1], generator.UniqueClause(o.Constraint));
                break;
            case AddForeignKeyOperation o:
                text.InsertAfter(text.Items[^1], generator.ForeignKeyClause(table.Name, o.ForeignKey));
                break;
            case AddCheckConstraintOperation o:
                text.InsertAfter(text.Items[^1], generator.CheckClause(o.Constraint));
                break;
            case DropUniqueConstraintOperation o:
                var unique = table.UniqueConstraints.First(u => u.Name == o.Name);
                RemoveConstraint(text, Find(text, SqliteClauseKind.Unique, o.Name, unique.Columns, null), table, o);
                break;
            case DropForeignKeyOperation o:
                var key = table.ForeignKeys.First(f => f.Name == o.Name);
                RemoveConstraint(text, Find(text, SqliteClauseKind.ForeignKey, o.Name, key.Columns, key.PrincipalTable.Name), table, o);
                break;
            case DropCheckConstraintOperation o:
                // The schema reader lists checks in the order they are written, column checks and table checks alike.
                var position = table.CheckConstraints.ToList().FindIndex(c => c.Name == o.Name);
                var checks = text.Items.SelectMany(i => i.Clauses.Where(c => c.Kind == SqliteClauseKind.Check).Select(c => (i, c))).ToArray();
                var check = text.Items.Any(i => i.IsOpaque)
                    ? checks.FirstOrDefault(c => c.c.Name == o.Name)
                    : position >= 0 && position < checks.Length ? checks[position] : default;
                RemoveConstraint(text, check, table, o);
                break;
            default:
                throw new InvalidOperationException($"A table rebuild has no edit for '{operation.Describe()}'.");
        }

        return text.ToString();
    }

    private static void AlterColumn(SqliteSqlGenerator generator, TableSchema table, SqliteCreateTable text, AlterColumnOperation operation)
    {
        var item = text.FindColumn(operation.Column.Name)
            ?? throw Refuse(table, operation, "its CREATE TABLE statement", $"the statement has no definition of column \"{operation.Column.Name}\" that MigrationKit can find. Rebuild the table with raw SQL (migration.Sql(...)) instead");
        if (item.IsOpaque)
        {
            throw Refuse(table, operation, $"the definition of column \"{item.Column}\"", $"MigrationKit cannot take \"{text.Text(item.From, item.To)}\" apart to change only what the migration asks. Change the column with raw SQL (migration.Sql(...)) instead");
        }

        var old = table.FindColumn(operation.Column.Name)!;
        var target = generator.ToColumnSchema(operation.Column);
        var primaryKey = item.Find(SqliteClauseKind.PrimaryKey);

        if (target.IsIdentity != old.IsIdentity)
        {
            if (primaryKey is null)
            {
                throw Refuse(table, operation, "AUTOINCREMENT", $"SQLite generates values only for a table's single-column INTEGER PRIMARY KEY (declared AUTOINCREMENT), and column \"{old.Name}\" is not declared PRIMARY KEY. Remove Identity() from the new definition");
            }

            if (target.IsIdentity)
            {
                text.InsertAfterToken(primaryKey.To - 1, " AUTOINCREMENT");
            }
            else
            {
                text.RemoveToken(primaryKey.To - 1);
            }
        }

        var typeChanged = !SameText(old.StoreType, target.StoreType, StringComparison.OrdinalIgnoreCase);
        if (typeChanged && text.Options.Contains("STRICT") && !StrictTypes.Contains(target.StoreType.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            throw Refuse(table, operation, "STRICT", $"a STRICT table accepts only the types {string.Join(", ", StrictTypes)}, not {target.StoreType}. Choose one of those types for column \"{old.Name}\"");
        }

        var afterType = string.Empty;
        if (old.IsNullable != target.IsNullable)
        {
            if (!target.IsNullable)
            {
                afterType = " NOT NULL";
                if (item.Find(SqliteClauseKind.Null) is { } nullable)
                {
                    text.Remove(nullable);
                }
            }
            else
            {
                var notNull = item.Clauses.Where(c => c.Kind == SqliteClauseKind.NotNull).ToArray();
                if (notNull.Length == 0)
                {
                    throw Refuse(table, operation, "an implied NOT NULL", $"SQLite keeps column \"{old.Name}\" NOT NULL because it is part of the primary key of a WITHOUT ROWID table. Keep the column NOT NULL (NotNull())");
                }

                foreach (var clause in notNull)
                {
                    text.Remove(clause);
                }
            }
        }

        if (typeChanged && item.TypeFrom < item.TypeTo)
        {
            text.Replace(item.TypeFrom, item.TypeTo, target.StoreType + afterType);
        }
        else if (typeChanged || afterType.Length > 0)
        {
            text.InsertAfterToken(item.TypeTo - 1, (typeChanged ? " " + target.StoreType : string.Empty) + afterType);
        }

        if (!SameText(old.DefaultSql ?? string.Empty, target.DefaultSql ?? string.Empty, StringComparison.Ordinal))
        {
            var current = item.Find(SqliteClauseKind.Default);
            if (target.DefaultSql is not null && item.Find(SqliteClauseKind.Generated) is not null)
            {
                throw Refuse(table, operation, "a generated column", $"column \"{old.Name}\" is generated, and a generated column cannot have a default. Leave the default out of the new definition");
            }

            if (target.DefaultSql is null)
            {
                if (current is not null)
                {
                    text.Remove(current);
                }
            }
            else if (current is not null)
            {
                text.Replace(current.ValueFrom, current.To, target.DefaultSql);
            }
            else
            {
                text.InsertAfterToken(item.To - 1, " DEFAULT " + target.DefaultSql);
            }
        }
    }

    private static void DropColumn(TableSchema table, SqliteCreateTable text, DropColumnOperation operation)
    {
        var item = text.FindColumn(operation.Column)
            ?? throw Refuse(table, operation, "its CREATE TABLE statement", $"the statement has no definition of column \"{operation.Column}\" that MigrationKit can find. Rebuild the table with raw SQL (migration.Sql(...)) instead");
        if (text.Columns.FirstOrDefault(c => c != item && c.Find(SqliteClauseKind.Generated) is { } g && SqliteSqlParser.Mentions(g.Text!, operation.Column)) is { } generated)
        {
            throw Refuse(table, operation, "a generated column", $"generated column \"{generated.Column}\" is computed from the column. Drop that column first (DropColumn) in the same migration");
        }

        if (table.Indexes.FirstOrDefault(i => i.Expressions.Any(e => SqliteSqlParser.Mentions(e, operation.Column))) is { } index)
        {
            throw Refuse(table, operation, "an expression index", $"index \"{index.Name}\" is over an expression that uses the column. Drop the index first (DropIndex) in the same migration");
        }

        if (table.Triggers.FirstOrDefault(t => SqliteSqlParser.Mentions(t.Definition, operation.Column)) is { } trigger)
        {
            throw Refuse(table, operation, "a trigger", $"trigger \"{trigger.Name}\" uses the column, and would be recreated broken. Drop it first (migration.Sql(\"DROP TRIGGER ...\")) in the same migration, and recreate it without the column");
        }

        if (text.Items.FirstOrDefault(i => i != item && i.IsOpaque && SqliteSqlParser.Mentions(text.Text(i.From, i.To), operation.Column)) is { } opaque)
        {
            throw Refuse(table, operation, $"\"{text.Text(opaque.From, opaque.To)}\"", "MigrationKit cannot take that part of the statement apart, and it may depend on the column. Rebuild the table with raw SQL (migration.Sql(...)) instead");
        }

        text.Remove(item);

        // As the schema model does: a key, unique constraint or foreign key over the column goes with it.
        foreach (var constraint in text.Items.Where(i => i.Column is null && i.Clauses.Count > 0 && i.Clauses[0].Columns.Contains(operation.Column, StringComparer.OrdinalIgnoreCase)))
        {
            text.Remove(constraint);
        }
    }

    /// <summary>A named constraint by its name; an unnamed one by the columns (and referenced table) the schema reader named it after.</summary>
    private static (SqliteTableItem Item, SqliteClause Clause) Find(SqliteCreateTable text, SqliteClauseKind kind, string name, IReadOnlyList<string> columns, string? principal)
    {
        var all = text.Items.SelectMany(i => i.Clauses.Where(c => c.Kind == kind).Select(c => (Item: i, Clause: c))).ToArray();
        IReadOnlyList<string> Over((SqliteTableItem Item, SqliteClause Clause) p) => p.Item.Column is null ? p.Clause.Columns : [p.Item.Column];
        if (text.Items.Any(i => i.IsOpaque))
        {
            // The constraint might be in the part that cannot be taken apart; matching by columns could pick the wrong one.
            return all.FirstOrDefault(p => p.Clause.Name == name);
        }

        return all.FirstOrDefault(p => p.Clause.Name == name)
            is { Clause: not null } named
            ? named
            : all.FirstOrDefault(p => p.Clause.Name is null
                && Over(p).SequenceEqual(columns, StringComparer.OrdinalIgnoreCase)
                && (principal is null || string.Equals(p.Clause.Principal, principal, StringComparison.OrdinalIgnoreCase)));
    }

    private static void RemoveConstraint(SqliteCreateTable text, (SqliteTableItem Item, SqliteClause Clause) found, TableSchema table, MigrationOperation operation)
    {
        if (found.Clause is null)
        {
            throw Refuse(table, operation, "its CREATE TABLE statement", "MigrationKit cannot find the constraint in the statement. Rebuild the table with raw SQL (migration.Sql(...)) instead");
        }

        if (found.Item.Column is null)
        {
            text.Remove(found.Item);
        }
        else
        {
            text.Remove(found.Clause);
        }
    }

    private static bool SameText(string a, string b, StringComparison comparison) =>
        string.Equals(string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), comparison);

    private static SqliteRebuildNotSupportedException Refuse(TableSchema table, MigrationOperation operation, string feature, string reason) =>
        new(table.Name.Name, feature, $"Cannot {operation.Describe()}: SQLite makes this change by rebuilding table {table.Name.Name}, and the rebuild cannot keep {feature}: {reason}. Nothing was changed.");
}
