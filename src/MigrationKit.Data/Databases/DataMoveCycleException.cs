using MigrationKit.Data.Endpoints;

namespace MigrationKit.Data.Databases;

/// <summary>
/// The target tables of a whole-database move reference each other in a cycle (or a table references itself), so no
/// load order puts every parent before its children. Nothing was moved.
/// </summary>
public sealed class DataMoveCycleException : MigrationKitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="moveName">The database move.</param>
    /// <param name="tables">The target tables in the cycle(s).</param>
    /// <param name="foreignKeys">The foreign keys that close the cycle(s).</param>
    public DataMoveCycleException(string moveName, IReadOnlyList<string> tables, IReadOnlyList<DataForeignKey> foreignKeys)
        : base(Format(moveName, tables, foreignKeys))
    {
        MoveName = moveName;
        Tables = tables;
        ForeignKeys = foreignKeys;
    }

    /// <summary>The database move.</summary>
    public string MoveName { get; }

    /// <summary>The target tables in the cycle(s).</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>The foreign keys that close the cycle(s).</summary>
    public IReadOnlyList<DataForeignKey> ForeignKeys { get; }

    private static string Format(string moveName, IReadOnlyList<string> tables, IReadOnlyList<DataForeignKey> foreignKeys)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(foreignKeys);
        var columns = foreignKeys.SelectMany(f => f.Columns.Select(c => $"DeferColumn(\"{f.Table}\", \"{c}\")")).Distinct(StringComparer.Ordinal);
        return $"Database move '{moveName}' cannot order its tables: the foreign keys {string.Join("; ", foreignKeys)} form a cycle among {string.Join(", ", tables.Select(t => "'" + t + "'"))}. "
            + $"Nothing was moved. Break the cycle on one nullable column of it, which is then loaded as NULL and filled in once every table is loaded: {string.Join(" or ", columns)}.";
    }
}
