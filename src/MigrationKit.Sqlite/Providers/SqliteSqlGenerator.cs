using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;
using MigrationKit.Providers;

namespace MigrationKit.Sqlite;

/// <summary>
/// SQL for SQLite. Where SQLite has an <c>ALTER TABLE</c> form (rename a table or column, add a column it can add,
/// drop a column nothing depends on) and for indexes, it writes that; every other change to a table (alter a column,
/// add or drop a key, unique, foreign key or check) becomes a table rebuild: rename the table aside, create it again
/// from its own <c>CREATE TABLE</c> text with only the targeted column or constraint edited (<see cref="SqliteTableEdit"/>),
/// copy the rows, drop the old table, recreate its indexes and triggers from their own text. Everything the migration
/// does not change (collations, generated columns, <c>STRICT</c>, <c>WITHOUT ROWID</c>, <c>AUTOINCREMENT</c>, unnamed
/// constraints, actions, index key order) is kept as written; what cannot be kept is refused with
/// <see cref="SqliteRebuildNotSupportedException"/> before any statement runs.
/// </summary>
/// <remarks>
/// <para>Go through <see cref="GenerateAsync"/>: rebuilds need the current schema, and the synchronous
/// <see cref="MigrationSqlGenerator.Generate"/> refuses them (and still writes <c>CREATE SCHEMA</c>, which SQLite lacks).</para>
/// <para>A SQLite database is one schema: schema names are ignored, and <see cref="CreateSchemaOperation"/> and
/// <see cref="DropSchemaOperation"/> generate no statements.</para>
/// <para>Rebuilds must run with foreign-key enforcement off (otherwise dropping the old table would cascade into
/// others); the provider opens every connection that way and checks the keys before each commit.</para>
/// </remarks>
internal sealed class SqliteSqlGenerator : MigrationSqlGenerator
{
    private const string RebuildPrefix = "__migrationkit_old_";

    private static readonly Lazy<FrozenSet<string>> Keywords = new(LoadKeywords);

    /// <summary>Initializes the generator.</summary>
    public SqliteSqlGenerator()
        : base("sqlite")
    {
    }

    /// <inheritdoc />
    public override string StoreType(ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ColumnTypeKind.Int16 or ColumnTypeKind.Int32 or ColumnTypeKind.Int64 or ColumnTypeKind.Boolean => "INTEGER",
            ColumnTypeKind.Double => "REAL",
            ColumnTypeKind.Decimal or ColumnTypeKind.String or ColumnTypeKind.Text or ColumnTypeKind.Date or ColumnTypeKind.DateTime
                or ColumnTypeKind.DateTimeOffset or ColumnTypeKind.Guid or ColumnTypeKind.Json => "TEXT",
            ColumnTypeKind.Binary => "BLOB",
            ColumnTypeKind.Custom => type.StoreType!,
            _ => throw new NotSupportedException($"The sqlite provider has no store type for {type}."),
        };
    }

    /// <summary>Quotes a table name; the schema, if any, is ignored because a SQLite database is one schema.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The quoted name.</returns>
    public override string Quote(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return QuoteIdentifier(name.Name);
    }

    /// <summary>Writes a constant: booleans as <c>1</c>/<c>0</c>, decimals as text the way Microsoft.Data.Sqlite stores them, bytes as <c>X'…'</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    public override string Literal(object? value) => value switch
    {
        bool b => b ? "1" : "0",
        decimal d => base.Literal(d.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        _ => base.Literal(value),
    };

    /// <summary>
    /// Writes a default: a constant as a literal, the current timestamp as <c>CURRENT_TIMESTAMP</c>, and any other
    /// expression in parentheses, which SQLite requires.
    /// </summary>
    /// <param name="value">The default.</param>
    /// <returns>The SQL text of the default, exactly as the schema reader reports it back.</returns>
    public override string DefaultSql(ColumnDefault value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Expression switch
        {
            null => Literal(value.Value),
            { Text: null } => CurrentTimestampSql,
            { Text: var text } => "(" + text + ")",
        };
    }

    /// <inheritdoc />
    public override async ValueTask<IReadOnlyList<string>> GenerateAsync(MigrationOperation operation, IMigrationSchemaContext context, CancellationToken cancellationToken = default) =>
        (await GenerateCoreAsync(operation, context, cancellationToken).ConfigureAwait(false)).Statements;

    /// <summary>
    /// Generates an operation's commands: every statement of a table rebuild is marked as rewriting the table (a full
    /// copy under the database's write lock). SQLite has no table-level lock modes, so no lock level is set.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="context">The schema just before the operation.</param>
    /// <param name="cancellationToken">Cancels generation.</param>
    /// <returns>The commands, in order.</returns>
    public override async ValueTask<IReadOnlyList<MigrationCommand>> GenerateCommandsAsync(MigrationOperation operation, IMigrationSchemaContext context, CancellationToken cancellationToken = default)
    {
        var (statements, rebuilt) = await GenerateCoreAsync(operation, context, cancellationToken).ConfigureAwait(false);
        // SQLite builds an index one way only (CONCURRENTLY is left out), so every statement it generates may run in a transaction.
        return statements.Select(s => DescribeCommand(operation, s) with { Transactional = true, RewritesTable = rebuilt }).ToArray();
    }

    private async ValueTask<(IReadOnlyList<string> Statements, bool Rebuilt)> GenerateCoreAsync(MigrationOperation operation, IMigrationSchemaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        operation = SqliteSchemaNames.Strip(operation);
        var path = operation.Accept(SqliteGenerationPath.Of);
        switch (path.Kind)
        {
            case SqliteGenerationPathKind.Nothing:
                // No schemas in SQLite, and every constraint is checked as rows are written: nothing to validate later.
                return ([], false);
            case SqliteGenerationPathKind.CreateIndex:
                // SQLite builds an index one way only: CONCURRENTLY has no meaning here and is left out.
                var index = (CreateIndexOperation)operation;
                return ([CreateIndexSql(index.Table, index.Index)], false);
            case SqliteGenerationPathKind.DropIndex:
                return ([$"DROP INDEX {QuoteIdentifier(((DropIndexOperation)operation).Name)}"], false);
            case SqliteGenerationPathKind.Rename:
                return ([RenameSql(operation)], false);
            case SqliteGenerationPathKind.CreateTableWithForeignKeys:
                // SQLite accepts a foreign key to a table or column that does not exist and fails only when a row is
                // written; refuse it here, as a server database would, so the mistake shows on the first run.
                // Only the referenced tables' columns are read (one query, nothing parsed), so the check costs the same on
                // the 500th table as on the first; a reference to the new table itself needs no read.
                var create = (CreateTableOperation)operation;
                var principals = create.ForeignKeys.Select(f => new QualifiedName(f.PrincipalTable.Name))
                    .Where(p => !string.Equals(p.Name, create.Table.Name, StringComparison.OrdinalIgnoreCase)).Distinct().ToArray();
                var principalSchema = principals.Length == 0 ? DatabaseSchema.Empty : await context.GetTableColumnsAsync(principals, cancellationToken).ConfigureAwait(false);
                RequirePrincipals(principalSchema, create.Table, create.Columns.Select(c => c.Name).ToArray(), create.ForeignKeys, operation);
                return (Generate(operation), false);
            case SqliteGenerationPathKind.ChangeTable when operation is AddColumnOperation add && CanAddNatively(add.Column):
                return (Generate(operation), false);
            case SqliteGenerationPathKind.ChangeTable:
                break;
            case SqliteGenerationPathKind.Standard:
                return (Generate(operation), false);
            default:
                throw new InvalidOperationException($"The SQLite generator has no way to write path {path.Kind}.");
        }

        var schema = await context.GetCurrentSchemaAsync(cancellationToken).ConfigureAwait(false);
        var name = path.Table!;
        var table = schema.FindTable(name)
            ?? throw new MigrationKitException($"Cannot {operation.Describe()}: table {name} does not exist in the SQLite database. Create it first, or check the table name.");
        Validate(table, operation);
        if (operation is AddForeignKeyOperation addForeignKey)
        {
            RequirePrincipals(schema, table.Name, table.Columns.Select(c => c.Name).ToArray(), [addForeignKey.ForeignKey], operation);
        }

        if (operation is DropColumnOperation drop && !IsConstrained(table, drop.Column))
        {
            return (Generate(operation), false);
        }

        return (Rebuild(table, Apply(schema, operation).FindTable(table.Name)!), true);
    }

    /// <summary>
    /// Predicts the schema after an operation. Schema names are dropped first. For a rename, SQLite also rewrites the
    /// text of views, triggers, checks and partial-index predicates that mention the renamed table or column; that
    /// rewrite is predicted exactly by running the rename on an in-memory copy of the schema.
    /// </summary>
    /// <param name="schema">The schema before the operation.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The schema after it.</returns>
    public override DatabaseSchema Apply(DatabaseSchema schema, MigrationOperation operation)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(operation);
        operation = SqliteSchemaNames.Strip(operation);
        var after = base.Apply(schema, operation);
        if (operation is RenameTableOperation or RenameColumnOperation)
        {
            var hasText = schema.Views.Count > 0 || schema.Tables.Any(t => t.Definition is not null || t.Triggers.Count > 0 || t.CheckConstraints.Count > 0 || t.Indexes.Any(i => i.Filter is not null));
            return hasText ? SqliteRenamePrediction.Predict(this, schema, after, RenameSql(operation)) : after;
        }

        // The statements SQLite will keep: the ones written for a new table or index, the edited one for a changed table.
        return operation switch
        {
            CreateTableOperation o => Update(after, o.Table, t => t with { Definition = CreateTableSql(o) }),
            CreateIndexOperation o => Update(after, o.Table, t => t with
            {
                Indexes = t.Indexes.Select(i => i.Name == o.Index.Name ? i with { Definition = CreateIndexSql(o.Table, o.Index) } : i).ToArray(),
            }),
            _ when operation.Accept(SqliteGenerationPath.Of) is { Kind: SqliteGenerationPathKind.ChangeTable, Table: { } name } && schema.FindTable(name) is { } before =>
                Update(after, name, t => t with { Definition = before.Definition is null ? null : SqliteTableEdit.Apply(this, before, operation) }),
            _ => after,
        };
    }

    /// <summary>The SQL of a column definition, as <c>ADD COLUMN</c> and a rebuild that adds a column write it.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The definition.</returns>
    internal string ColumnDefinitionSql(ColumnDefinition column) => ColumnSql(column);

    /// <summary>A <c>PRIMARY KEY</c> table constraint.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The clause.</returns>
    internal string PrimaryKeyClause(PrimaryKeyDefinition key) => base.PrimaryKeySql(key);

    /// <summary>A <c>UNIQUE</c> table constraint.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>The clause.</returns>
    internal string UniqueClause(UniqueConstraintDefinition constraint) => base.UniqueSql(constraint);

    /// <summary>A <c>FOREIGN KEY</c> table constraint.</summary>
    /// <param name="table">The referencing table.</param>
    /// <param name="key">The key.</param>
    /// <returns>The clause.</returns>
    internal string ForeignKeyClause(QualifiedName table, ForeignKeyDefinition key) => base.ForeignKeySql(table, key);

    /// <summary>A <c>CHECK</c> table constraint.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>The clause.</returns>
    internal string CheckClause(CheckConstraintDefinition constraint) => base.CheckSql(constraint);

    private static DatabaseSchema Update(DatabaseSchema schema, QualifiedName table, Func<TableSchema, TableSchema> change) =>
        schema with { Tables = schema.Tables.Select(t => t.Name == table ? change(t) : t).ToArray() };

    /// <summary>The statements that recreate a schema model in an empty database: tables, indexes, views, triggers.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The statements.</returns>
    internal IEnumerable<string> Script(DatabaseSchema schema) =>
        schema.Tables.Select(t => t.Definition ?? CreateTableSql(t, t.Name.Name))
            .Concat(schema.Tables.SelectMany(t => t.Indexes.Select(i => i.Definition ?? CreateIndexSql(t.Name, i))))
            .Concat(schema.Views.Select(v => v.Definition))
            .Concat(schema.Tables.SelectMany(t => t.Triggers).Select(t => t.Definition));

    /// <summary>Writes <c>CREATE INDEX</c>; SQLite has b-tree indexes only, so any other method is refused.</summary>
    /// <param name="table">The indexed table.</param>
    /// <param name="index">The index.</param>
    /// <param name="concurrently">Ignored: SQLite has no concurrent index builds.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="NotSupportedException">The index asks for a method other than b-tree.</exception>
    protected override string CreateIndexSql(QualifiedName table, IndexDefinition index, bool concurrently)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.Method is not (null or "btree"))
        {
            throw new NotSupportedException($"Index {index.Name} uses the '{index.Method}' method, but SQLite has only b-tree indexes. Create it with raw SQL that has a SQLite variant (migration.Sql(...).For(\"sqlite\", ...)) or leave the method out.");
        }

        return base.CreateIndexSql(table, index with { Method = null }, concurrently: false);
    }

    /// <inheritdoc />
    protected override string BinaryLiteral(byte[] value) => "X'" + Convert.ToHexString(value) + "'";

    /// <inheritdoc />
    protected override string CreateTableSql(CreateTableOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var table = new TableSchema(operation.Table, operation.Columns.Select(ToColumnSchema).ToArray())
        {
            PrimaryKey = operation.PrimaryKey,
            UniqueConstraints = operation.UniqueConstraints,
            ForeignKeys = operation.ForeignKeys,
            CheckConstraints = operation.CheckConstraints,
        };
        return CreateTableSql(table, operation.Table.Name);
    }

    /// <summary>Writes a column for <c>ALTER TABLE … ADD COLUMN</c>.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="NotSupportedException">The column is an identity column, which SQLite cannot add to a table.</exception>
    protected override string ColumnSql(ColumnDefinition column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsIdentity)
        {
            throw new NotSupportedException(IdentityMessage(column.Name));
        }

        return ColumnSql(ToColumnSchema(column), identityKey: null);
    }

    /// <summary>Refuses: SQLite adds a primary key by rebuilding the table, which <see cref="GenerateAsync"/> does.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override string PrimaryKeySql(PrimaryKeyDefinition key) => throw NeedsRebuild("add a primary key");

    /// <summary>Refuses: SQLite adds a unique constraint by rebuilding the table, which <see cref="GenerateAsync"/> does.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override string UniqueSql(UniqueConstraintDefinition constraint) => throw NeedsRebuild("add a unique constraint");

    /// <summary>Refuses: SQLite adds a check constraint by rebuilding the table, which <see cref="GenerateAsync"/> does.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override string CheckSql(CheckConstraintDefinition constraint) => throw NeedsRebuild("add a check constraint");

    /// <summary>Refuses: SQLite adds a foreign key by rebuilding the table, which <see cref="GenerateAsync"/> does.</summary>
    /// <param name="table">The table.</param>
    /// <param name="key">The key.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override string ForeignKeySql(QualifiedName table, ForeignKeyDefinition key) => throw NeedsRebuild("add a foreign key");

    /// <summary>Refuses: SQLite drops a constraint by rebuilding the table, which <see cref="GenerateAsync"/> does.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The constraint.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override string DropConstraintSql(QualifiedName table, string name) => throw NeedsRebuild("drop a constraint");

    /// <summary>Refuses: SQLite alters a column by rebuilding the table, which <see cref="GenerateAsync"/> does.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="sql">Unused.</param>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override void AlterColumn(AlterColumnOperation operation, List<string> sql) => throw NeedsRebuild("alter a column");

    /// <summary>Whether SQLite's <c>ADD COLUMN</c> accepts the column: nullable or with a constant non-null default, not generated.</summary>
    private static bool CanAddNatively(ColumnDefinition column) =>
        !column.IsIdentity && column.Default?.Expression is null && (column.IsNullable || column.Default is { Value: not null });

    /// <summary>Whether dropping the column touches a key, unique, foreign key, index or check, which SQLite's <c>DROP COLUMN</c> refuses.</summary>
    private static bool IsConstrained(TableSchema table, string column)
    {
        bool In(IEnumerable<string> columns) => columns.Contains(column, StringComparer.OrdinalIgnoreCase);
        return (table.PrimaryKey is { } key && In(key.Columns))
            || table.UniqueConstraints.Any(u => In(u.Columns))
            || table.ForeignKeys.Any(f => In(f.Columns))
            || table.Indexes.Any(i => In(i.Columns) || (i.Filter is not null && SqliteSqlParser.Mentions(i.Filter, column)))
            || table.CheckConstraints.Any(c => SqliteSqlParser.Mentions(c.Expression, column));
    }

    /// <summary>Refuses, with the reason, the operations whose rebuild would silently do nothing or fail obscurely.</summary>
    /// <summary>Refuses foreign keys whose referenced table or columns do not exist (a table may reference itself).</summary>
    private static void RequirePrincipals(DatabaseSchema schema, QualifiedName table, IReadOnlyList<string> ownColumns, IReadOnlyList<ForeignKeyDefinition> foreignKeys, MigrationOperation operation)
    {
        foreach (var foreignKey in foreignKeys)
        {
            // SQLite compares names without regard to (ASCII) case.
            var self = string.Equals(foreignKey.PrincipalTable.Name, table.Name, StringComparison.OrdinalIgnoreCase);
            var principal = schema.Tables.FirstOrDefault(t => string.Equals(t.Name.Name, foreignKey.PrincipalTable.Name, StringComparison.OrdinalIgnoreCase));
            var principalColumns = self ? ownColumns : principal?.Columns.Select(c => c.Name).ToArray();
            if (principalColumns is null)
            {
                throw new MigrationKitException($"Cannot {operation.Describe()}: foreign key \"{foreignKey.Name}\" references table {foreignKey.PrincipalTable.Name}, which does not exist. Create that table first (in this or an earlier migration), or fix the referenced table's name.");
            }

            var missing = foreignKey.PrincipalColumns.Where(c => !principalColumns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
            if (missing.Length > 0)
            {
                throw new MigrationKitException($"Cannot {operation.Describe()}: foreign key \"{foreignKey.Name}\" references column(s) {string.Join(", ", missing.Select(m => $"\"{m}\""))} of table {foreignKey.PrincipalTable.Name}, which it does not have (its columns are {string.Join(", ", principalColumns)}). Fix the referenced column's name.");
            }
        }
    }

    private static void Validate(TableSchema table, MigrationOperation operation)
    {
        string? problem = operation switch
        {
            AddColumnOperation o when table.FindColumn(o.Column.Name) is not null => $"table {table.Name} already has a column \"{o.Column.Name}\"",
            AlterColumnOperation o when table.FindColumn(o.Column.Name) is null => NoColumn(table, o.Column.Name),
            DropColumnOperation o when table.FindColumn(o.Column) is null => NoColumn(table, o.Column),
            DropColumnOperation o when table.CheckConstraints.FirstOrDefault(c => SqliteSqlParser.Mentions(c.Expression, o.Column)) is { } check =>
                $"check constraint \"{check.Name}\" uses the column; drop the check first (DropCheckConstraint) in the same migration",
            DropColumnOperation o when table.Indexes.FirstOrDefault(i => i.Filter is not null && SqliteSqlParser.Mentions(i.Filter, o.Column)) is { } index =>
                $"the predicate of index \"{index.Name}\" uses the column; drop the index first (DropIndex) in the same migration",
            AddPrimaryKeyOperation when table.PrimaryKey is { } key => $"table {table.Name} already has primary key \"{key.Name}\"; drop it first (DropPrimaryKey)",
            DropPrimaryKeyOperation when table.PrimaryKey is null => $"table {table.Name} has no primary key",
            DropPrimaryKeyOperation o when table.PrimaryKey!.Name != o.Name => $"the primary key of table {table.Name} is named \"{table.PrimaryKey.Name}\"; drop it by that name",
            AddUniqueConstraintOperation o when table.UniqueConstraints.Any(u => u.Name == o.Constraint.Name) => Exists(table, "a unique constraint", o.Constraint.Name),
            AddForeignKeyOperation o when table.ForeignKeys.Any(f => f.Name == o.ForeignKey.Name) => Exists(table, "a foreign key", o.ForeignKey.Name),
            AddCheckConstraintOperation o when table.CheckConstraints.Any(c => c.Name == o.Constraint.Name) => Exists(table, "a check constraint", o.Constraint.Name),
            DropUniqueConstraintOperation o when table.UniqueConstraints.All(u => u.Name != o.Name) => Missing(table, "unique constraint", o.Name, table.UniqueConstraints.Select(u => u.Name)),
            DropForeignKeyOperation o when table.ForeignKeys.All(f => f.Name != o.Name) => Missing(table, "foreign key", o.Name, table.ForeignKeys.Select(f => f.Name)),
            DropCheckConstraintOperation o when table.CheckConstraints.All(c => c.Name != o.Name) => Missing(table, "check constraint", o.Name, table.CheckConstraints.Select(c => c.Name)),
            _ => null,
        };
        if (problem is not null)
        {
            throw new MigrationKitException($"Cannot {operation.Describe()}: {problem}.");
        }

        static string NoColumn(TableSchema table, string column) =>
            $"table {table.Name} has no column \"{column}\" (its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}); check the name";

        static string Exists(TableSchema table, string kind, string name) => $"table {table.Name} already has {kind} named \"{name}\"; choose another name";

        static string Missing(TableSchema table, string kind, string name, IEnumerable<string> names)
        {
            var existing = names.ToList();
            return $"table {table.Name} has no {kind} named \"{name}\" ({(existing.Count == 0 ? "it has none" : "it has " + string.Join(", ", existing))}); check the name";
        }
    }

    private static NotSupportedException NeedsRebuild(string what) =>
        new($"SQLite has no ALTER TABLE statement to {what}; MigrationKit rebuilds the table instead, which needs the current schema. Generate this operation with GenerateAsync.");

    private static string IdentityMessage(string column) =>
        $"Column \"{column}\" is an identity column, but SQLite generates values only for a table's single-column INTEGER PRIMARY KEY (declared AUTOINCREMENT). Make it the table's only primary key column when the table is created, or remove Identity().";

    private static bool IsPlainIdentifier(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !Keywords.Value.Contains(name);

    private static FrozenSet<string> LoadKeywords()
    {
        // Microsoft.Data.Sqlite initializes the native library when its connection type is first used.
        using (new SqliteConnection())
        {
        }

        var words = new List<string>();
        for (var i = 0; i < SQLitePCL.raw.sqlite3_keyword_count(); i++)
        {
            if (SQLitePCL.raw.sqlite3_keyword_name(i, out var word) == SQLitePCL.raw.SQLITE_OK)
            {
                words.Add(word);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Writes a rename. SQLite rewrites every reference to the renamed table or column in views, triggers, checks and
    /// index predicates. For a column it keeps a bare reference bare only when the new name is written bare, so a
    /// plain new column name is left unquoted: renaming back then restores that text exactly (and the reversibility
    /// check holds). Table references are always rewritten quoted, whatever the statement says.
    /// </summary>
    private string RenameSql(MigrationOperation operation) => operation switch
    {
        RenameTableOperation o => $"ALTER TABLE {Quote(o.Table)} RENAME TO {QuoteIdentifier(o.NewName)}",
        RenameColumnOperation o => $"ALTER TABLE {Quote(o.Table)} RENAME COLUMN {QuoteIdentifier(o.Column)} TO {(IsPlainIdentifier(o.NewName) ? o.NewName : QuoteIdentifier(o.NewName))}",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Describe(), "Not a rename."),
    };

    /// <summary>
    /// Rebuilds a table into its new shape: the old table is renamed aside, the new one created under the table's own
    /// name from its edited statement (so that <c>sqlite_schema</c> keeps the name as written), the rows copied (not
    /// into generated columns, which SQLite computes), the old table dropped, and the table's indexes and triggers
    /// recreated from their own statements. The rename aside runs with <c>legacy_alter_table</c> on, so that SQLite does
    /// not rewrite other tables' foreign keys, triggers and views to follow it: they keep naming the table, which the
    /// new one then is. The provider switches the setting off again on every connection it opens, in case a failure
    /// leaves it on.
    /// </summary>
    private List<string> Rebuild(TableSchema before, TableSchema after)
    {
        var table = QuoteIdentifier(before.Name.Name);
        var aside = RebuildPrefix + before.Name.Name;
        bool Copied(ColumnSchema column) => column.GeneratedSql is null
            && before.Columns.Any(b => b.GeneratedSql is null && string.Equals(b.Name, column.Name, StringComparison.OrdinalIgnoreCase));
        var common = ColumnList(after.Columns.Where(Copied).Select(c => c.Name));

        var sql = new List<string>
        {
            "PRAGMA legacy_alter_table = ON",
            $"ALTER TABLE {table} RENAME TO {QuoteIdentifier(aside)}",
            "PRAGMA legacy_alter_table = OFF",
            after.Definition ?? CreateTableSql(after, after.Name.Name),
            $"INSERT INTO {table} ({common}) SELECT {common} FROM {QuoteIdentifier(aside)}",
        };
        if (after.Columns.Any(c => c.IsIdentity))
        {
            // Keep the AUTOINCREMENT high-water mark (SQLite moved it with the rename), so that the ids of deleted rows are never handed out again.
            sql.Add($"DELETE FROM sqlite_sequence WHERE name = {Literal(before.Name.Name)}");
            sql.Add($"UPDATE sqlite_sequence SET name = {Literal(before.Name.Name)} WHERE name = {Literal(aside)}");
        }

        sql.Add($"DROP TABLE {QuoteIdentifier(aside)}");
        sql.AddRange(after.Indexes.Select(i => i.Definition ?? CreateIndexSql(after.Name, i)));
        sql.AddRange(after.Triggers.Select(t => t.Definition));
        return sql;
    }

    /// <summary>Writes <c>CREATE TABLE</c> for a table model: the one writer behind both CreateTable and rebuilds.</summary>
    private string CreateTableSql(TableSchema table, string name)
    {
        var key = table.PrimaryKey;
        var identityKey = key is { Columns.Count: 1 } && table.FindColumn(key.Columns[0]) is { IsIdentity: true } ? key : null;
        if (table.Columns.FirstOrDefault(c => c.IsIdentity && (identityKey is null || c.Name != identityKey.Columns[0])) is { } identity)
        {
            throw new NotSupportedException($"Table {table.Name}: " + IdentityMessage(identity.Name));
        }

        var items = table.Columns.Select(c => ColumnSql(c, c.IsIdentity ? identityKey : null)).ToList();
        if (key is not null && identityKey is null)
        {
            items.Add(base.PrimaryKeySql(key));
        }

        items.AddRange(table.UniqueConstraints.Select(u => base.UniqueSql(u)));
        items.AddRange(table.ForeignKeys.Select(f => base.ForeignKeySql(table.Name, f)));
        items.AddRange(table.CheckConstraints.Select(c => base.CheckSql(c)));
        var options = table.Options.Count == 0 ? string.Empty : " " + string.Join(", ", table.Options);
        return $"CREATE TABLE {QuoteIdentifier(name)} (\n    {string.Join(",\n    ", items)}\n){options}";
    }

    private string ColumnSql(ColumnSchema column, PrimaryKeyDefinition? identityKey)
    {
        var sql = new StringBuilder(QuoteIdentifier(column.Name));
        if (column.StoreType.Length > 0)
        {
            sql.Append(' ').Append(column.StoreType);
        }

        if (!column.IsNullable)
        {
            sql.Append(" NOT NULL");
        }

        if (identityKey is not null)
        {
            sql.Append(" CONSTRAINT ").Append(QuoteIdentifier(identityKey.Name)).Append(" PRIMARY KEY AUTOINCREMENT");
        }

        if (column.DefaultSql is not null)
        {
            sql.Append(" DEFAULT ").Append(column.DefaultSql);
        }

        if (column.Collation is not null)
        {
            sql.Append(" COLLATE ").Append(QuoteIdentifier(column.Collation));
        }

        if (column.GeneratedSql is not null)
        {
            sql.Append(" GENERATED ALWAYS AS (").Append(column.GeneratedSql).Append(column.IsStored ? ") STORED" : ") VIRTUAL");
        }

        return sql.ToString();
    }
}
