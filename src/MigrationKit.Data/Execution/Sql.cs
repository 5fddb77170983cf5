using System.Data.Common;
using System.Globalization;
using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Execution;

/// <summary>The engine's SQL helpers: identifiers double-quoted (both engines), <c>@name</c> parameters.</summary>
internal static class Sql
{
    /// <summary>Quotes a name, each part of <c>schema.table</c> separately.</summary>
    public static string Quote(string name) => string.Join('.', name.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text)
    {
#pragma warning disable CA2100 // The text is built from quoted identifiers and the user's own filter; values are parameters.
        var command = connection.CreateCommand();
        command.CommandText = text;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    public static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// How many keys one look-up (<see cref="AddKeyList"/>) sends: a whole batch where the endpoint takes arrays (a key
    /// type without an array form then goes as that many parameters, within PostgreSQL's 65,535), else 500 parameters
    /// (under every engine's limit). Fewer, larger look-ups spare the server a parse and plan per 500 keys.
    /// </summary>
    public static int KeysPerLookup(IDataEndpoint endpoint) => endpoint is IDataKeyArrays ? 10_000 : 500;

    /// <summary>
    /// Adds a condition's parameters for "the column is one of these keys" and returns the condition: one array
    /// parameter where the endpoint takes one (<see cref="IDataKeyArrays"/>), else one parameter per key
    /// (<c>@{prefix}0, @{prefix}1, …</c>).
    /// </summary>
    public static string AddKeyList(DbCommand command, IDataEndpoint endpoint, string column, DataType type, IReadOnlyList<object> keys, string prefix)
    {
        if (endpoint is IDataKeyArrays arrays && arrays.ToArrayParameterValue(keys, type) is { } array)
        {
            Add(command, prefix, array);
            return arrays.MatchesAnyElement(column, prefix);
        }

        var names = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
            Add(command, names[i], endpoint.ToParameterValue(keys[i]));
        }

        return $"{column} IN ({string.Join(", ", names.Select(n => "@" + n))})";
    }
}
