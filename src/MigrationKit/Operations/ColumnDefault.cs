namespace MigrationKit.Operations;

/// <summary>A column's default: either a constant value or a SQL expression.</summary>
public sealed record ColumnDefault
{
    private ColumnDefault(object? value, SqlExpression? expression)
    {
        Value = value;
        Expression = expression;
    }

    /// <summary>The constant value (string, number, boolean, <see cref="Guid"/>, date), when not an expression.</summary>
    public object? Value { get; }

    /// <summary>The SQL expression, when not a constant.</summary>
    public SqlExpression? Expression { get; }

    internal static ColumnDefault Constant(object? value) => new(value, null);

    internal static ColumnDefault Sql(SqlExpression expression) => new(null, expression);
}
