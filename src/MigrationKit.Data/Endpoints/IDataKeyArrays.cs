namespace MigrationKit.Data.Endpoints;

/// <summary>
/// A target that takes a list of key values as one array parameter. Validation and id-map reads look keys up in
/// batches of hundreds; with this capability each look-up sends one parameter (<c>key IN (SELECT unnest(@keys))</c> on PostgreSQL) instead of one
/// parameter per key (<c>key IN (@k0, @k1, …)</c>), which the server parses and plans more cheaply. A separate
/// interface, so an endpoint without it keeps working with the parameter lists.
/// </summary>
public interface IDataKeyArrays
{
    /// <summary>A condition that holds when a column equals one of the array parameter's elements.</summary>
    /// <param name="column">The column, quoted.</param>
    /// <param name="parameter">The parameter's name, without its prefix.</param>
    /// <returns>SQL for a <c>WHERE</c> clause.</returns>
    string MatchesAnyElement(string column, string parameter);

    /// <summary>The array parameter's value for some key values of one type.</summary>
    /// <param name="values">The values (none null), in the CLR form the mover uses for <paramref name="type"/>.</param>
    /// <param name="type">The key column's type.</param>
    /// <returns>The parameter's value, or <see langword="null"/> when keys of this type have no array form (the caller then lists one parameter per key).</returns>
    object? ToArrayParameterValue(IReadOnlyList<object> values, DataType type);
}
