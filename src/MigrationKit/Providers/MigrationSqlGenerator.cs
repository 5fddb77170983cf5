using System.Globalization;
using System.Text;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;

namespace MigrationKit.Providers;

/// <summary>
/// Turns operations into SQL. The defaults write standard SQL (as PostgreSQL accepts it); a provider overrides
/// <see cref="StoreType"/> and whatever its dialect does differently. Identifiers are always quoted.
/// </summary>
public abstract class MigrationSqlGenerator
{
    /// <summary>Initializes the generator.</summary>
    /// <param name="providerName">The provider's name, which selects raw SQL variants.</param>
    protected MigrationSqlGenerator(string providerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ProviderName = providerName;
    }

    /// <summary>The provider's name.</summary>
    public string ProviderName { get; }

    /// <summary>Generates the statements for one operation. Override to consult the current schema (table rebuilds).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="context">The schema just before the operation.</param>
    /// <param name="cancellationToken">Cancels generation.</param>
    /// <returns>The statements, in order.</returns>
    public virtual ValueTask<IReadOnlyList<string>> GenerateAsync(MigrationOperation operation, IMigrationSchemaContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Generate(operation));

    /// <summary>
    /// Generates the commands for one operation: its statements (<see cref="GenerateAsync"/>), each described by
    /// <see cref="DescribeCommand"/> with what it does. The executor runs these, and the dry run and the risk rules read
    /// them. A provider overrides this when the facts depend on how it generated (SQLite marks a table rebuild).
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <param name="context">The schema just before the operation.</param>
    /// <param name="cancellationToken">Cancels generation.</param>
    /// <returns>The commands, in order.</returns>
    public virtual async ValueTask<IReadOnlyList<MigrationCommand>> GenerateCommandsAsync(MigrationOperation operation, IMigrationSchemaContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var statements = await GenerateAsync(operation, context, cancellationToken).ConfigureAwait(false);
        var commands = new MigrationCommand[statements.Count];
        for (var i = 0; i < commands.Length; i++)
        {
            commands[i] = DescribeCommand(operation, statements[i]);
        }

        return commands;
    }

    /// <summary>
    /// Describes one statement generated for <paramref name="operation"/>. The default: transactional unless the
    /// operation requires otherwise, the tables the operation names, destructive when the operation is; no rewrite and
    /// no lock level. A provider overrides it to add what its database does (PostgreSQL: lock modes and rewrites).
    /// </summary>
    /// <param name="operation">The operation the statement came from.</param>
    /// <param name="sql">The statement.</param>
    /// <returns>The command.</returns>
    protected virtual MigrationCommand DescribeCommand(MigrationOperation operation, string sql)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new MigrationCommand(sql)
        {
            Transactional = !operation.RequiresNoTransaction,
            Tables = operation.Accept(TablesTouched.Instance),
            Destructive = operation.IsDestructive,
        };
    }

    /// <summary>Generates the statements for one operation that needs no knowledge of the current schema.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The statements, in order.</returns>
    /// <exception cref="NotSupportedException">The operation has no SQL form on this provider.</exception>
    public IReadOnlyList<string> Generate(MigrationOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Accept(new StatementWriter(this));
    }

    /// <summary>Quotes an identifier, doubling embedded quote characters.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>The quoted identifier.</returns>
    public virtual string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Quotes a possibly schema-qualified name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The quoted name.</returns>
    public virtual string Quote(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Schema is null ? QuoteIdentifier(name.Name) : QuoteIdentifier(name.Schema) + "." + QuoteIdentifier(name.Name);
    }

    /// <summary>Maps a provider-neutral type to this provider's store type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The store type, as the schema reader would report it.</returns>
    public abstract string StoreType(ColumnType type);

    /// <summary>Writes a constant as a SQL literal.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The literal.</returns>
    /// <exception cref="NotSupportedException">The value's type has no literal form.</exception>
    public virtual string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        char c => Literal(c.ToString()),
        bool b => b ? "TRUE" : "FALSE",
        Guid g => Literal(g.ToString("D")),
        DateTime d => Literal(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        DateTimeOffset d => Literal(d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
        DateOnly d => Literal(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeOnly t => Literal(t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        byte[] bytes => BinaryLiteral(bytes),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number when value is sbyte or byte or short or ushort or int or uint or long or ulong or decimal => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be written as a SQL literal; use a string, number, boolean, Guid, date or byte array."),
    };

    /// <summary>Writes a column default as SQL.</summary>
    /// <param name="value">The default.</param>
    /// <returns>The SQL text of the default.</returns>
    public virtual string DefaultSql(ColumnDefault value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Expression is null)
        {
            return Literal(value.Value);
        }

        return value.Expression.Text ?? CurrentTimestampSql;
    }

    /// <summary>The SQL for the current timestamp.</summary>
    protected virtual string CurrentTimestampSql => "CURRENT_TIMESTAMP";

    /// <summary>Writes a byte array literal.</summary>
    /// <param name="value">The bytes.</param>
    /// <returns>The literal.</returns>
    protected virtual string BinaryLiteral(byte[] value) => "'\\x" + Convert.ToHexString(value) + "'";

    /// <summary>Writes <c>CREATE TABLE</c> with the table-level constraints.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The statement.</returns>
    protected virtual string CreateTableSql(CreateTableOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var items = operation.Columns.Select(ColumnSql).ToList();
        if (operation.PrimaryKey is not null)
        {
            items.Add(PrimaryKeySql(operation.PrimaryKey));
        }

        items.AddRange(operation.UniqueConstraints.Select(UniqueSql));
        items.AddRange(operation.ForeignKeys.Select(f => ForeignKeySql(operation.Table, f)));
        items.AddRange(operation.CheckConstraints.Select(CheckSql));
        return $"CREATE TABLE {Quote(operation.Table)} (\n    {string.Join(",\n    ", items)}\n)";
    }

    /// <summary>Writes one column's definition.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The definition.</returns>
    protected virtual string ColumnSql(ColumnDefinition column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var sql = new StringBuilder(QuoteIdentifier(column.Name)).Append(' ').Append(StoreType(column.Type));
        if (column.IsIdentity)
        {
            sql.Append(" GENERATED BY DEFAULT AS IDENTITY");
        }

        sql.Append(column.IsNullable ? " NULL" : " NOT NULL");
        if (column.Default is not null)
        {
            sql.Append(" DEFAULT ").Append(DefaultSql(column.Default));
        }

        return sql.ToString();
    }

    /// <summary>Writes a primary key constraint clause.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The clause.</returns>
    protected virtual string PrimaryKeySql(PrimaryKeyDefinition key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"CONSTRAINT {QuoteIdentifier(key.Name)} PRIMARY KEY ({ColumnList(key.Columns)})";
    }

    /// <summary>Writes a unique constraint clause.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>The clause.</returns>
    protected virtual string UniqueSql(UniqueConstraintDefinition constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return $"CONSTRAINT {QuoteIdentifier(constraint.Name)} UNIQUE ({ColumnList(constraint.Columns)})";
    }

    /// <summary>Writes a check constraint clause.</summary>
    /// <param name="constraint">The constraint.</param>
    /// <returns>The clause.</returns>
    protected virtual string CheckSql(CheckConstraintDefinition constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return $"CONSTRAINT {QuoteIdentifier(constraint.Name)} CHECK ({constraint.Expression})";
    }

    /// <summary>Writes a foreign key clause.</summary>
    /// <param name="table">The referencing table (its schema is the default for the referenced one).</param>
    /// <param name="key">The key.</param>
    /// <returns>The clause.</returns>
    protected virtual string ForeignKeySql(QualifiedName table, ForeignKeyDefinition key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        var sql = $"CONSTRAINT {QuoteIdentifier(key.Name)} FOREIGN KEY ({ColumnList(key.Columns)}) REFERENCES {Quote(key.PrincipalTable)} ({ColumnList(key.PrincipalColumns)})";
        if (key.OnDelete != ReferentialAction.NoAction)
        {
            sql += " ON DELETE " + ActionSql(key.OnDelete);
        }

        if (key.OnUpdate != ReferentialAction.NoAction)
        {
            sql += " ON UPDATE " + ActionSql(key.OnUpdate);
        }

        return sql;
    }

    /// <summary>Writes <c>CREATE INDEX</c> (not concurrently).</summary>
    /// <param name="table">The indexed table.</param>
    /// <param name="index">The index.</param>
    /// <returns>The statement.</returns>
    protected string CreateIndexSql(QualifiedName table, IndexDefinition index) => CreateIndexSql(table, index, concurrently: false);

    /// <summary>Writes <c>CREATE INDEX</c>.</summary>
    /// <param name="table">The indexed table.</param>
    /// <param name="index">The index.</param>
    /// <param name="concurrently">Whether to build it without blocking writes.</param>
    /// <returns>The statement.</returns>
    protected virtual string CreateIndexSql(QualifiedName table, IndexDefinition index, bool concurrently)
    {
        ArgumentNullException.ThrowIfNull(index);
        var keys = index.Columns.Select(QuoteIdentifier).Concat(index.Expressions.Select(e => "(" + e + ")"))
            .Select((key, n) => n < index.KeyOptions.Count && index.KeyOptions[n].Length > 0 ? key + " " + index.KeyOptions[n] : key);
        var sql = $"CREATE {(index.IsUnique ? "UNIQUE " : string.Empty)}INDEX {(concurrently ? "CONCURRENTLY " : string.Empty)}{QuoteIdentifier(index.Name)} ON {Quote(table)}"
            + $"{(index.Method is null ? string.Empty : " USING " + index.Method)} ({string.Join(", ", keys)})";
        return index.Filter is null ? sql : sql + " WHERE " + index.Filter;
    }

    /// <summary>Writes <c>ALTER TABLE … DROP CONSTRAINT</c>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The constraint.</param>
    /// <returns>The statement.</returns>
    protected virtual string DropConstraintSql(QualifiedName table, string name) => $"ALTER TABLE {Quote(table)} DROP CONSTRAINT {QuoteIdentifier(name)}";

    /// <summary>Writes the statements that change a column's type, nullability and default.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="sql">Receives the statements.</param>
    protected virtual void AlterColumn(AlterColumnOperation operation, List<string> sql)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(sql);
        var prefix = $"ALTER TABLE {Quote(operation.Table)} ALTER COLUMN {QuoteIdentifier(operation.Column.Name)}";
        sql.Add($"{prefix} TYPE {StoreType(operation.Column.Type)}");
        sql.Add(operation.Column.IsNullable ? $"{prefix} DROP NOT NULL" : $"{prefix} SET NOT NULL");
        sql.Add(operation.Column.Default is null ? $"{prefix} DROP DEFAULT" : $"{prefix} SET DEFAULT {DefaultSql(operation.Column.Default)}");
    }

    /// <summary>Writes a comma-separated list of quoted column names.</summary>
    /// <param name="columns">The columns.</param>
    /// <returns>The list.</returns>
    protected string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(QuoteIdentifier));

    /// <summary>Predicts the schema after an operation, without a database: the dry run and table rebuilds use this.</summary>
    /// <param name="schema">The schema before the operation.</param>
    /// <param name="operation">The operation.</param>
    /// <returns>The schema after it.</returns>
    public virtual DatabaseSchema Apply(DatabaseSchema schema, MigrationOperation operation) => SchemaReplay.Apply(this, schema, operation);

    /// <summary>Describes a column as this provider's schema reader would report it.</summary>
    /// <param name="column">The declared column.</param>
    /// <returns>The column's schema.</returns>
    public virtual ColumnSchema ToColumnSchema(ColumnDefinition column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return new ColumnSchema(column.Name, StoreType(column.Type))
        {
            IsNullable = column.IsNullable,
            DefaultSql = column.Default is null ? null : DefaultSql(column.Default),
            IsIdentity = column.IsIdentity,
        };
    }

    private static string ActionSql(ReferentialAction action) => action switch
    {
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private void InsertData(InsertDataOperation operation, List<string> sql)
    {
        // Multi-row VALUES in chunks keeps statements well under any driver's size limit.
        foreach (var chunk in operation.Rows.Chunk(500))
        {
            sql.Add($"INSERT INTO {Quote(operation.Table)} ({ColumnList(operation.Columns)}) VALUES\n    {string.Join(",\n    ", chunk.Select(r => "(" + string.Join(", ", r.Select(Literal)) + ")"))}");
        }
    }

    private string KeyPredicate(IReadOnlyList<string> columns, IReadOnlyList<object?> values) =>
        string.Join(" AND ", columns.Select((c, i) => values[i] is null ? $"{QuoteIdentifier(c)} IS NULL" : $"{QuoteIdentifier(c)} = {Literal(values[i])}"));

    /// <summary>The standard SQL of each operation, one method per kind, so a new operation cannot be skipped.</summary>
    private sealed class StatementWriter(MigrationSqlGenerator g) : IMigrationOperationVisitor<IReadOnlyList<string>>
    {
        public IReadOnlyList<string> Visit(CreateSchemaOperation operation) => [$"CREATE SCHEMA IF NOT EXISTS {g.QuoteIdentifier(operation.Name)}"];

        public IReadOnlyList<string> Visit(DropSchemaOperation operation) => [$"DROP SCHEMA {g.QuoteIdentifier(operation.Name)}"];

        public IReadOnlyList<string> Visit(CreateTableOperation operation) => [g.CreateTableSql(operation)];

        public IReadOnlyList<string> Visit(DropTableOperation operation) => [$"DROP TABLE {g.Quote(operation.Table)}"];

        public IReadOnlyList<string> Visit(RenameTableOperation operation) => [$"ALTER TABLE {g.Quote(operation.Table)} RENAME TO {g.QuoteIdentifier(operation.NewName)}"];

        public IReadOnlyList<string> Visit(AddColumnOperation operation) => [$"ALTER TABLE {g.Quote(operation.Table)} ADD COLUMN {g.ColumnSql(operation.Column)}"];

        public IReadOnlyList<string> Visit(DropColumnOperation operation) => [$"ALTER TABLE {g.Quote(operation.Table)} DROP COLUMN {g.QuoteIdentifier(operation.Column)}"];

        public IReadOnlyList<string> Visit(RenameColumnOperation operation) =>
            [$"ALTER TABLE {g.Quote(operation.Table)} RENAME COLUMN {g.QuoteIdentifier(operation.Column)} TO {g.QuoteIdentifier(operation.NewName)}"];

        public IReadOnlyList<string> Visit(AlterColumnOperation operation)
        {
            var sql = new List<string>();
            g.AlterColumn(operation, sql);
            return sql;
        }

        public IReadOnlyList<string> Visit(CreateIndexOperation operation) => [g.CreateIndexSql(operation.Table, operation.Index, operation.Concurrently)];

        public IReadOnlyList<string> Visit(DropIndexOperation operation) =>
            [$"DROP INDEX {(operation.Concurrently ? "CONCURRENTLY " : string.Empty)}{g.Quote(operation.Table with { Name = operation.Name })}"];

        public IReadOnlyList<string> Visit(ValidateConstraintOperation operation) => [$"ALTER TABLE {g.Quote(operation.Table)} VALIDATE CONSTRAINT {g.QuoteIdentifier(operation.Name)}"];

        public IReadOnlyList<string> Visit(AddPrimaryKeyOperation operation) => [$"ALTER TABLE {g.Quote(operation.Table)} ADD {g.PrimaryKeySql(operation.PrimaryKey)}"];

        public IReadOnlyList<string> Visit(AddUniqueConstraintOperation operation) => [$"ALTER TABLE {g.Quote(operation.Table)} ADD {g.UniqueSql(operation.Constraint)}"];

        public IReadOnlyList<string> Visit(AddForeignKeyOperation operation) =>
            [$"ALTER TABLE {g.Quote(operation.Table)} ADD {g.ForeignKeySql(operation.Table, operation.ForeignKey)}{(operation.NotValid ? " NOT VALID" : string.Empty)}"];

        public IReadOnlyList<string> Visit(AddCheckConstraintOperation operation) =>
            [$"ALTER TABLE {g.Quote(operation.Table)} ADD {g.CheckSql(operation.Constraint)}{(operation.NotValid ? " NOT VALID" : string.Empty)}"];

        public IReadOnlyList<string> Visit(DropPrimaryKeyOperation operation) => [g.DropConstraintSql(operation.Table, operation.Name)];

        public IReadOnlyList<string> Visit(DropUniqueConstraintOperation operation) => [g.DropConstraintSql(operation.Table, operation.Name)];

        public IReadOnlyList<string> Visit(DropForeignKeyOperation operation) => [g.DropConstraintSql(operation.Table, operation.Name)];

        public IReadOnlyList<string> Visit(DropCheckConstraintOperation operation) => [g.DropConstraintSql(operation.Table, operation.Name)];

        public IReadOnlyList<string> Visit(SqlOperation operation) => [operation.SqlFor(g.ProviderName)];

        public IReadOnlyList<string> Visit(InsertDataOperation operation)
        {
            var sql = new List<string>();
            g.InsertData(operation, sql);
            return sql;
        }

        public IReadOnlyList<string> Visit(UpdateDataOperation operation) =>
            [$"UPDATE {g.Quote(operation.Table)} SET {string.Join(", ", operation.Columns.Select((c, i) => $"{g.QuoteIdentifier(c)} = {g.Literal(operation.Values[i])}"))} WHERE {g.KeyPredicate(operation.KeyColumns, operation.KeyValues)}"];

        // Deleting no rows (the inverse of inserting none) needs no statement.
        public IReadOnlyList<string> Visit(DeleteDataOperation operation) => operation.KeyValues.Count == 0
            ? []
            : [$"DELETE FROM {g.Quote(operation.Table)} WHERE {string.Join(" OR ", operation.KeyValues.Select(v => "(" + g.KeyPredicate(operation.KeyColumns, v) + ")"))}"];
    }
}
