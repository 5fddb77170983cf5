using MigrationKit.Operations;

namespace MigrationKit;

/// <summary>
/// Declares one column: pick a type with an <c>As…</c> method, then refine it. Columns are
/// <c>NOT NULL</c> unless <see cref="Nullable"/> is called.
/// </summary>
public sealed class ColumnBuilder
{
    private readonly string _name;
    private ColumnType? _type;
    private bool _nullable;
    private ColumnDefault? _default;
    private bool _identity;

    internal ColumnBuilder(string name) => _name = name;

    /// <summary>The column's name.</summary>
    internal string Name => _name;

    internal bool IsPrimaryKey { get; private set; }

    internal bool IsUnique { get; private set; }

    internal (QualifiedName Table, string Column, ReferentialAction OnDelete, ReferentialAction OnUpdate)? Reference { get; private set; }

    /// <summary>A 16-bit integer.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsInt16() => Type(ColumnType.Of(ColumnTypeKind.Int16));

    /// <summary>A 32-bit integer.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsInt32() => Type(ColumnType.Of(ColumnTypeKind.Int32));

    /// <summary>A 64-bit integer.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsInt64() => Type(ColumnType.Of(ColumnTypeKind.Int64));

    /// <summary>An exact decimal.</summary>
    /// <param name="precision">Total digits.</param>
    /// <param name="scale">Digits after the point.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The precision or scale is out of range.</exception>
    public ColumnBuilder AsDecimal(int precision, int scale) => Type(ColumnType.Decimal(precision, scale));

    /// <summary>A double-precision floating-point number.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsDouble() => Type(ColumnType.Of(ColumnTypeKind.Double));

    /// <summary>A string of at most <paramref name="length"/> characters.</summary>
    /// <param name="length">The maximum length.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not positive.</exception>
    public ColumnBuilder AsString(int length) => Type(ColumnType.String(length));

    /// <summary>A string of unbounded length.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsText() => Type(ColumnType.Of(ColumnTypeKind.Text));

    /// <summary>A boolean.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsBoolean() => Type(ColumnType.Of(ColumnTypeKind.Boolean));

    /// <summary>A date.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsDate() => Type(ColumnType.Of(ColumnTypeKind.Date));

    /// <summary>A date and time without offset.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsDateTime() => Type(ColumnType.Of(ColumnTypeKind.DateTime));

    /// <summary>A date and time with offset.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsDateTimeOffset() => Type(ColumnType.Of(ColumnTypeKind.DateTimeOffset));

    /// <summary>A UUID.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsGuid() => Type(ColumnType.Of(ColumnTypeKind.Guid));

    /// <summary>Binary data, optionally bounded.</summary>
    /// <param name="length">The maximum length in bytes, or <see langword="null"/> for unbounded.</param>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsBinary(int? length = null) => Type(ColumnType.Binary(length));

    /// <summary>A JSON document (<c>jsonb</c> on PostgreSQL, text on SQLite).</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsJson() => Type(ColumnType.Of(ColumnTypeKind.Json));

    /// <summary>A provider-specific store type written verbatim, such as <c>tsvector</c>.</summary>
    /// <param name="storeType">The store type.</param>
    /// <returns>This builder.</returns>
    public ColumnBuilder AsCustom(string storeType) => Type(ColumnType.Custom(storeType));

    /// <summary>Allows nulls.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder Nullable()
    {
        _nullable = true;
        return this;
    }

    /// <summary>Rejects nulls (the default).</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder NotNull()
    {
        _nullable = false;
        return this;
    }

    /// <summary>A constant default value.</summary>
    /// <param name="value">The value: a string, number, boolean, <see cref="Guid"/> or date.</param>
    /// <returns>This builder.</returns>
    public ColumnBuilder Default(object? value)
    {
        _default = ColumnDefault.Constant(value);
        return this;
    }

    /// <summary>A default computed by the database, such as <see cref="SqlExpression.CurrentTimestamp"/>.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>This builder.</returns>
    public ColumnBuilder DefaultSql(SqlExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        _default = ColumnDefault.Sql(expression);
        return this;
    }

    /// <summary>Values generated by the database (identity, autoincrement). Integer columns only.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder Identity()
    {
        _identity = true;
        return this;
    }

    /// <summary>Makes the column part of the table's primary key (several calls make a composite key).</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder PrimaryKey()
    {
        IsPrimaryKey = true;
        return this;
    }

    /// <summary>Adds a unique constraint on this column alone.</summary>
    /// <returns>This builder.</returns>
    public ColumnBuilder Unique()
    {
        IsUnique = true;
        return this;
    }

    /// <summary>Adds a foreign key from this column to a column of another table.</summary>
    /// <param name="table">The referenced table.</param>
    /// <param name="column">The referenced column.</param>
    /// <param name="onDelete">What happens to this row when the referenced row is deleted.</param>
    /// <param name="onUpdate">What happens to this row when the referenced key changes.</param>
    /// <param name="schema">The referenced table's schema, when not the referencing table's.</param>
    /// <returns>This builder.</returns>
    public ColumnBuilder References(string table, string column = "id", ReferentialAction onDelete = ReferentialAction.NoAction, ReferentialAction onUpdate = ReferentialAction.NoAction, string? schema = null)
    {
        Reference = (new QualifiedName(Identifier.Check(table, nameof(table)), Identifier.CheckOptional(schema, nameof(schema))), Identifier.Check(column, nameof(column)), onDelete, onUpdate);
        return this;
    }

    internal ColumnDefinition Build(string table)
    {
        if (_type is null)
        {
            throw new ArgumentException($"Column '{table}.{_name}' has no type. Call one of the As… methods, for example AsInt64() or AsString(100).", _name);
        }

        if (_identity && _type.Kind is not (ColumnTypeKind.Int16 or ColumnTypeKind.Int32 or ColumnTypeKind.Int64))
        {
            throw new ArgumentException($"Column '{table}.{_name}' is an identity column of type {_type}; identity needs an integer type (AsInt32() or AsInt64()).", _name);
        }

        if (_nullable && IsPrimaryKey)
        {
            throw new ArgumentException($"Column '{table}.{_name}' is declared both Nullable() and PrimaryKey(), but a primary key column cannot hold NULL. Remove Nullable() (key columns are NOT NULL), or do not make it part of the key.", _name);
        }

        return new ColumnDefinition(_name, _type)
        {
            IsNullable = _nullable,
            Default = _default,
            IsIdentity = _identity,
        };
    }

    private ColumnBuilder Type(ColumnType type)
    {
        _type = type;
        return this;
    }
}
