using MigrationKit.Operations;

namespace MigrationKit;

/// <summary>Declares a new table's columns and table-level constraints.</summary>
public sealed class TableBuilder
{
    private readonly QualifiedName _table;
    private readonly NamingConvention _naming;
    private readonly List<ColumnBuilder> _columns = [];
    private readonly List<UniqueConstraintDefinition> _uniques = [];
    private readonly List<ForeignKeyDefinition> _foreignKeys = [];
    private readonly List<CheckConstraintDefinition> _checks = [];
    private IReadOnlyList<string>? _primaryKey;

    internal TableBuilder(QualifiedName table, NamingConvention naming)
    {
        _table = table;
        _naming = naming;
    }

    /// <summary>Adds a column.</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The column's builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used in this table.</exception>
    public ColumnBuilder Column(string name)
    {
        Identifier.Check(name, nameof(name));
        var column = new ColumnBuilder(name);
        _columns.Add(column);
        return column;
    }

    /// <summary>Declares a (composite) primary key over the given columns.</summary>
    /// <param name="columns">The key columns, in order.</param>
    /// <returns>This builder.</returns>
    public TableBuilder PrimaryKey(params string[] columns)
    {
        _primaryKey = Identifier.CheckAll(columns, nameof(columns), $"the primary key of table '{_table}'");
        return this;
    }

    /// <summary>Declares a (composite) unique constraint over the given columns.</summary>
    /// <param name="columns">The constrained columns, in order.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Unique(params string[] columns)
    {
        var checkedColumns = Identifier.CheckAll(columns, nameof(columns), $"a unique constraint of table '{_table}'");
        _uniques.Add(new UniqueConstraintDefinition(_naming.UniqueConstraint(_table.Name, checkedColumns), checkedColumns));
        return this;
    }

    /// <summary>Declares a check constraint, named by the naming convention from <paramref name="name"/>.</summary>
    /// <param name="name">A short name for the check, such as <c>positive_amount</c>.</param>
    /// <param name="expression">The SQL boolean expression.</param>
    /// <returns>This builder.</returns>
    public TableBuilder Check(string name, string expression)
    {
        Identifier.Check(name, nameof(name));
        ArgumentException.ThrowIfNullOrWhiteSpace(expression);
        _checks.Add(new CheckConstraintDefinition(_naming.CheckConstraint(_table.Name, name), expression));
        return this;
    }

    /// <summary>Declares a (composite) foreign key.</summary>
    /// <param name="columns">The referencing columns.</param>
    /// <param name="principalTable">The referenced table.</param>
    /// <param name="principalColumns">The referenced columns, one per referencing column.</param>
    /// <param name="onDelete">The action on delete of the referenced row.</param>
    /// <param name="onUpdate">The action on update of the referenced key.</param>
    /// <param name="principalSchema">The referenced table's schema, when not this table's.</param>
    /// <returns>This builder.</returns>
    public TableBuilder ForeignKey(string[] columns, string principalTable, string[] principalColumns, ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction, string? principalSchema = null)
    {
        var from = Identifier.CheckAll(columns, nameof(columns), $"a foreign key of table '{_table}'");
        var to = Identifier.CheckAll(principalColumns, nameof(principalColumns), $"the referenced side of a foreign key of table '{_table}'");
        if (from.Count != to.Count)
        {
            throw new ArgumentException($"Foreign key from {_table}({string.Join(", ", from)}) lists {from.Count} column(s) but references {to.Count}; give one referenced column per referencing column.", nameof(principalColumns));
        }

        var principal = new QualifiedName(Identifier.Check(principalTable, nameof(principalTable)), Identifier.CheckOptional(principalSchema, nameof(principalSchema)) ?? _table.Schema);
        _foreignKeys.Add(new ForeignKeyDefinition(_naming.ForeignKey(_table.Name, from, principal.Name), from, principal, to) { OnDelete = onDelete, OnUpdate = onUpdate });
        return this;
    }

    internal CreateTableOperation Build()
    {
        if (_columns.Count == 0)
        {
            throw new ArgumentException($"Table '{_table}' declares no columns. Add at least one with t.Column(\"name\").As…().", "table");
        }

        // Each column built once (building checks it), in declaration order, so the first invalid column is reported.
        var columns = new ColumnDefinition[_columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = _columns[i].Build(_table.Name);
        }

        var duplicates = columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new ArgumentException($"Table '{_table}' declares the column(s) {string.Join(", ", duplicates.Select(d => $"'{d}'"))} more than once. Give each column a distinct name.", "table");
        }

        var inlineKey = _columns.Where(c => c.IsPrimaryKey).Select(c => c.Name).ToArray();
        if (inlineKey.Length > 0 && _primaryKey is not null)
        {
            throw new ArgumentException($"Table '{_table}' declares its primary key twice: on column(s) {string.Join(", ", inlineKey)} and with PrimaryKey(...). Keep one.", "table");
        }

        var keyColumns = _primaryKey ?? (inlineKey.Length > 0 ? inlineKey : null);
        if (keyColumns is not null)
        {
            RequireColumns(columns, keyColumns, "primary key");
            var nullableKeyColumns = columns.Where(c => c.IsNullable && keyColumns.Contains(c.Name, StringComparer.Ordinal)).Select(c => $"'{c.Name}'").ToList();
            if (nullableKeyColumns.Count > 0)
            {
                throw new ArgumentException($"Table '{_table}' makes the nullable column(s) {string.Join(", ", nullableKeyColumns)} part of its primary key, but a primary key column cannot hold NULL. Remove Nullable() from them (columns are NOT NULL by default).", "table");
            }
        }

        var uniques = _columns.Where(c => c.IsUnique)
            .Select(c => new UniqueConstraintDefinition(_naming.UniqueConstraint(_table.Name, [c.Name]), [c.Name]))
            .Concat(_uniques).ToArray();
        foreach (var unique in uniques)
        {
            RequireColumns(columns, unique.Columns, "unique constraint");
        }

        var foreignKeys = _columns.Where(c => c.Reference is not null)
            .Select(c => ColumnForeignKey(_table, c, _naming))
            .Concat(_foreignKeys).ToArray();
        foreach (var foreignKey in foreignKeys)
        {
            RequireColumns(columns, foreignKey.Columns, "foreign key");
        }

        return new CreateTableOperation(_table, columns)
        {
            PrimaryKey = keyColumns is null ? null : new PrimaryKeyDefinition(_naming.PrimaryKey(_table.Name), keyColumns),
            UniqueConstraints = uniques,
            ForeignKeys = foreignKeys,
            CheckConstraints = _checks.ToArray(),
        };
    }

    internal static ForeignKeyDefinition ColumnForeignKey(QualifiedName table, ColumnBuilder column, NamingConvention naming)
    {
        var name = column.Name;
        var reference = column.Reference!.Value;

        // Like AddForeignKey: a referenced table given without a schema lives in the referencing table's schema.
        var principal = reference.Table.Schema is null ? reference.Table with { Schema = table.Schema } : reference.Table;
        return new ForeignKeyDefinition(naming.ForeignKey(table.Name, [name], principal.Name), [name], principal, [reference.Column])
        {
            OnDelete = reference.OnDelete,
            OnUpdate = reference.OnUpdate,
        };
    }

    private void RequireColumns(IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<string> names, string what)
    {
        var missing = names.Where(n => !columns.Any(c => string.Equals(c.Name, n, StringComparison.Ordinal))).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The {what} of table '{_table}' names column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} that the table does not declare. Declare them with t.Column(...) or fix the name.", "table");
        }
    }
}
