using MigrationKit.Operations;

namespace MigrationKit;

/// <summary>
/// Records the operations of a migration's <c>Up</c> or <c>Down</c>. Nothing touches the database here:
/// the recorded list is what the runner executes, checksums, scripts and reverses.
/// </summary>
public sealed class MigrationBuilder
{
    private readonly List<Func<IEnumerable<MigrationOperation>>> _recorded;
    private readonly string? _schema;

    /// <summary>Creates a builder that names constraints with <paramref name="naming"/>.</summary>
    /// <param name="naming">The naming convention, or <see langword="null"/> for <see cref="NamingConvention.Default"/>.</param>
    public MigrationBuilder(NamingConvention? naming = null)
        : this([], naming ?? NamingConvention.Default, schema: null)
    {
    }

    private MigrationBuilder(List<Func<IEnumerable<MigrationOperation>>> recorded, NamingConvention naming, string? schema)
    {
        _recorded = recorded;
        Naming = naming;
        _schema = schema;
    }

    /// <summary>The naming convention used for constraints and indexes the migration does not name.</summary>
    public NamingConvention Naming { get; }

    /// <summary>The operations recorded so far, in order.</summary>
    /// <exception cref="ArgumentException">A deferred declaration (such as an index) is invalid.</exception>
    public IReadOnlyList<MigrationOperation> Operations => _recorded.SelectMany(build => build()).ToArray();

    /// <summary>A view of this builder whose tables live in <paramref name="schema"/>; operations are recorded here.</summary>
    /// <param name="schema">The schema.</param>
    /// <returns>The schema-scoped builder.</returns>
    public MigrationBuilder InSchema(string schema) => new(_recorded, Naming, Identifier.Check(schema, nameof(schema)));

    /// <summary>Creates a schema when it does not exist.</summary>
    /// <param name="name">The schema name.</param>
    public void CreateSchema(string name) => Record(new CreateSchemaOperation(Identifier.Check(name, nameof(name))));

    /// <summary>Drops an empty schema.</summary>
    /// <param name="name">The schema name.</param>
    public void DropSchema(string name) => Record(new DropSchemaOperation(Identifier.Check(name, nameof(name))));

    /// <summary>Creates a table.</summary>
    /// <param name="name">The table name.</param>
    /// <param name="define">Declares the columns and constraints.</param>
    /// <exception cref="ArgumentException">The definition is empty or inconsistent.</exception>
    public void CreateTable(string name, Action<TableBuilder> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        var table = new TableBuilder(Table(name), Naming);
        define(table);
        Record(table.Build());
    }

    /// <summary>Drops a table and its rows (irreversible without an explicit Down).</summary>
    /// <param name="name">The table name.</param>
    public void DropTable(string name) => Record(new DropTableOperation(Table(name)));

    /// <summary>Renames a table.</summary>
    /// <param name="name">The current name.</param>
    /// <param name="newName">The new name.</param>
    public void RenameTable(string name, string newName) => Record(new RenameTableOperation(Table(name), Identifier.Check(newName, nameof(newName))));

    /// <summary>Adds a column (and its unique constraint or foreign key, when declared on it).</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column name.</param>
    /// <param name="define">Declares the column.</param>
    /// <exception cref="ArgumentException">The column is declared as a primary key; use <see cref="AddPrimaryKey"/>.</exception>
    public void AddColumn(string table, string column, Action<ColumnBuilder> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        var name = Table(table);
        var builder = new ColumnBuilder(Identifier.Check(column, nameof(column)));
        define(builder);
        if (builder.IsPrimaryKey)
        {
            throw new ArgumentException($"Column '{name}.{column}' is added as a primary key column; add the column first, then call AddPrimaryKey(\"{table}\", ...).", nameof(define));
        }

        var definition = builder.Build(name.Name);
        Record(new AddColumnOperation(name, definition));
        if (builder.IsUnique)
        {
            Record(new AddUniqueConstraintOperation(name, new UniqueConstraintDefinition(Naming.UniqueConstraint(name.Name, [column]), [column])));
        }

        if (builder.Reference is not null)
        {
            Record(new AddForeignKeyOperation(name, TableBuilder.ColumnForeignKey(name, builder, Naming)));
        }
    }

    /// <summary>Drops a column and its data (irreversible without an explicit Down).</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    public void DropColumn(string table, string column) => Record(new DropColumnOperation(Table(table), Identifier.Check(column, nameof(column))));

    /// <summary>Renames a column.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The current name.</param>
    /// <param name="newName">The new name.</param>
    public void RenameColumn(string table, string column, string newName) =>
        Record(new RenameColumnOperation(Table(table), Identifier.Check(column, nameof(column)), Identifier.Check(newName, nameof(newName))));

    /// <summary>Changes a column's type, nullability or default.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    /// <param name="to">The new definition.</param>
    /// <param name="from">The current definition; giving it makes the change reversible.</param>
    public void AlterColumn(string table, string column, Action<ColumnBuilder> to, Action<ColumnBuilder>? from = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        var name = Table(table);
        Identifier.Check(column, nameof(column));
        Record(new AlterColumnOperation(name, Column(name, column, to)) { OldColumn = from is null ? null : Column(name, column, from) });
    }

    /// <summary>Creates an index named by the convention; refine it with the returned builder.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The indexed columns, in order.</param>
    /// <returns>A builder to make the index unique, filtered or explicitly named.</returns>
    public IndexBuilder CreateIndex(string table, params string[] columns)
    {
        var name = Table(table);
        var checkedColumns = Identifier.CheckAll(columns, nameof(columns), $"an index on table '{name}'");
        return RecordIndex(name, checkedColumns, [], index => index.Name ?? Naming.Index(name.Name, checkedColumns));
    }

    /// <summary>Creates an index over SQL expressions, such as <c>to_tsvector('english', title)</c>; refine it with the returned builder.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The index name (a convention cannot derive one from an expression).</param>
    /// <param name="expressions">The indexed expressions, in order.</param>
    /// <returns>A builder to make the index unique, filtered, concurrent or of another method.</returns>
    public IndexBuilder CreateExpressionIndex(string table, string name, params string[] expressions)
    {
        var tableName = Table(table);
        var indexName = Identifier.Check(name, nameof(name));
        ArgumentNullException.ThrowIfNull(expressions);
        if (expressions.Length == 0 || expressions.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"Index '{indexName}' on '{tableName}' needs at least one non-empty expression.", nameof(expressions));
        }

        return RecordIndex(tableName, [], expressions.ToArray(), index => index.Name ?? indexName);
    }

    /// <summary>Drops an index.</summary>
    /// <param name="table">The indexed table.</param>
    /// <param name="name">The index name.</param>
    /// <param name="concurrently">Whether to drop it without blocking (PostgreSQL; needs a migration without a transaction).</param>
    public void DropIndex(string table, string name, bool concurrently = false) =>
        Record(new DropIndexOperation(Table(table), Identifier.Check(name, nameof(name))) { Concurrently = concurrently });

    /// <summary>Adds a primary key to an existing table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The key columns.</param>
    public void AddPrimaryKey(string table, params string[] columns)
    {
        var name = Table(table);
        Record(new AddPrimaryKeyOperation(name, new PrimaryKeyDefinition(Naming.PrimaryKey(name.Name), Identifier.CheckAll(columns, nameof(columns), $"the primary key added to table '{name}'"))));
    }

    /// <summary>Drops a table's primary key.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The constraint name, or <see langword="null"/> for the convention's.</param>
    public void DropPrimaryKey(string table, string? name = null)
    {
        var tableName = Table(table);
        Record(new DropPrimaryKeyOperation(tableName, Identifier.CheckOptional(name, nameof(name)) ?? Naming.PrimaryKey(tableName.Name)));
    }

    /// <summary>Adds a unique constraint.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The constrained columns.</param>
    public void AddUniqueConstraint(string table, params string[] columns)
    {
        var name = Table(table);
        var checkedColumns = Identifier.CheckAll(columns, nameof(columns), $"the unique constraint added to table '{name}'");
        Record(new AddUniqueConstraintOperation(name, new UniqueConstraintDefinition(Naming.UniqueConstraint(name.Name, checkedColumns), checkedColumns)));
    }

    /// <summary>Drops a unique constraint.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The constraint name.</param>
    public void DropUniqueConstraint(string table, string name) => Record(new DropUniqueConstraintOperation(Table(table), Identifier.Check(name, nameof(name))));

    /// <summary>Adds a foreign key.</summary>
    /// <param name="table">The referencing table.</param>
    /// <param name="columns">The referencing columns.</param>
    /// <param name="principalTable">The referenced table.</param>
    /// <param name="principalColumns">The referenced columns.</param>
    /// <param name="onDelete">The action on delete.</param>
    /// <param name="onUpdate">The action on update.</param>
    /// <param name="principalSchema">The referenced table's schema, when not this builder's.</param>
    /// <param name="notValid">Whether to skip checking existing rows now (PostgreSQL <c>NOT VALID</c>); check them later with <see cref="ValidateConstraint"/>.</param>
    public void AddForeignKey(string table, string[] columns, string principalTable, string[] principalColumns, ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction, string? principalSchema = null, bool notValid = false)
    {
        var name = Table(table);
        var from = Identifier.CheckAll(columns, nameof(columns), $"the foreign key added to table '{name}'");
        var to = Identifier.CheckAll(principalColumns, nameof(principalColumns), $"the referenced side of the foreign key added to table '{name}'");
        if (from.Count != to.Count)
        {
            throw new ArgumentException($"Foreign key from {name}({string.Join(", ", from)}) lists {from.Count} column(s) but references {to.Count}; give one referenced column per referencing column.", nameof(principalColumns));
        }

        var principal = new QualifiedName(Identifier.Check(principalTable, nameof(principalTable)), Identifier.CheckOptional(principalSchema, nameof(principalSchema)) ?? _schema);
        Record(new AddForeignKeyOperation(name, new ForeignKeyDefinition(Naming.ForeignKey(name.Name, from, principal.Name), from, principal, to) { OnDelete = onDelete, OnUpdate = onUpdate }) { NotValid = notValid });
    }

    /// <summary>Drops a foreign key.</summary>
    /// <param name="table">The referencing table.</param>
    /// <param name="name">The constraint name.</param>
    public void DropForeignKey(string table, string name) => Record(new DropForeignKeyOperation(Table(table), Identifier.Check(name, nameof(name))));

    /// <summary>Adds a check constraint, named by the convention from <paramref name="name"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">A short name for the check.</param>
    /// <param name="expression">The SQL boolean expression.</param>
    /// <param name="notValid">Whether to skip checking existing rows now (PostgreSQL <c>NOT VALID</c>); check them later with <see cref="ValidateConstraint"/>.</param>
    public void AddCheckConstraint(string table, string name, string expression, bool notValid = false)
    {
        var tableName = Table(table);
        Identifier.Check(name, nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        Record(new AddCheckConstraintOperation(tableName, new CheckConstraintDefinition(Naming.CheckConstraint(tableName.Name, name), expression)) { NotValid = notValid });
    }

    /// <summary>Checks existing rows against a constraint added with <c>notValid: true</c> (PostgreSQL <c>VALIDATE CONSTRAINT</c>).</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The full constraint name.</param>
    public void ValidateConstraint(string table, string name) => Record(new ValidateConstraintOperation(Table(table), Identifier.Check(name, nameof(name))));

    /// <summary>Drops a check constraint.</summary>
    /// <param name="table">The table.</param>
    /// <param name="name">The full constraint name.</param>
    public void DropCheckConstraint(string table, string name) => Record(new DropCheckConstraintOperation(Table(table), Identifier.Check(name, nameof(name))));

    /// <summary>Runs raw SQL (irreversible without an explicit Down). Add provider variants with the returned builder.</summary>
    /// <param name="sql">The SQL, run by providers without a variant.</param>
    /// <returns>A builder for provider-specific variants.</returns>
    public RawSqlBuilder Sql(string sql)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var variants = new RawSqlBuilder();
        _recorded.Add(() => [new SqlOperation(sql) { ProviderSql = new Dictionary<string, string>(variants.Variants, StringComparer.OrdinalIgnoreCase) }]);
        return variants;
    }

    /// <summary>Inserts rows.</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns given values.</param>
    /// <param name="rows">The rows, each with one value per column.</param>
    /// <exception cref="ArgumentException">A row has the wrong number of values.</exception>
    public void InsertData(string table, string[] columns, params object?[][] rows)
    {
        var name = Table(table);
        var checkedColumns = Identifier.CheckAll(columns, nameof(columns), $"the rows inserted into table '{name}'");
        Record(new InsertDataOperation(name, checkedColumns, CheckRows(name, checkedColumns, rows, nameof(rows))));
    }

    /// <summary>Sets <paramref name="column"/> to <paramref name="value"/> on the rows where <paramref name="keyColumn"/> equals <paramref name="keyValue"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="keyColumn">The column compared.</param>
    /// <param name="keyValue">The value compared.</param>
    /// <param name="column">The column set.</param>
    /// <param name="value">The new value.</param>
    public void UpdateData(string table, string keyColumn, object? keyValue, string column, object? value) =>
        Record(new UpdateDataOperation(Table(table), [Identifier.Check(keyColumn, nameof(keyColumn))], [keyValue], [Identifier.Check(column, nameof(column))], [value]));

    /// <summary>Deletes the rows whose <paramref name="keyColumn"/> equals one of <paramref name="keyValues"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="keyColumn">The column compared.</param>
    /// <param name="keyValues">The values of the rows to delete.</param>
    public void DeleteData(string table, string keyColumn, params object?[] keyValues)
    {
        ArgumentNullException.ThrowIfNull(keyValues);
        Record(new DeleteDataOperation(Table(table), [Identifier.Check(keyColumn, nameof(keyColumn))], keyValues.Select(v => (IReadOnlyList<object?>)[v]).ToArray()));
    }

    /// <summary>Records an operation built elsewhere, such as the inverse of another.</summary>
    /// <param name="operation">The operation.</param>
    public void Add(MigrationOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Record(operation);
    }

    private static IReadOnlyList<IReadOnlyList<object?>> CheckRows(QualifiedName table, IReadOnlyList<string> columns, object?[][] rows, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(rows, parameterName);
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i] is null || rows[i].Length != columns.Count)
            {
                throw new ArgumentException($"Row {i} for table '{table}' has {rows[i]?.Length ?? 0} value(s) but {columns.Count} column(s) were named ({string.Join(", ", columns)}). Give one value per column.", parameterName);
            }
        }

        return rows.Select(r => (IReadOnlyList<object?>)r.ToArray()).ToArray();
    }

    private static ColumnDefinition Column(QualifiedName table, string column, Action<ColumnBuilder> define)
    {
        var builder = new ColumnBuilder(column);
        define(builder);
        return builder.Build(table.Name);
    }

    private IndexBuilder RecordIndex(QualifiedName table, IReadOnlyList<string> columns, IReadOnlyList<string> expressions, Func<IndexBuilder, string> name)
    {
        var index = new IndexBuilder();
        _recorded.Add(() =>
        [
            new CreateIndexOperation(table, new IndexDefinition(name(index), columns)
            {
                IsUnique = index.IsUnique,
                Filter = index.Filter,
                Expressions = expressions,
                Method = index.Method,
            })
            {
                Concurrently = index.IsConcurrent,
            },
        ]);
        return index;
    }

    private QualifiedName Table(string name) => new(Identifier.Check(name, "table"), _schema);

    private void Record(MigrationOperation operation) => _recorded.Add(() => [operation]);
}
