using System.Data.Common;

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
}
