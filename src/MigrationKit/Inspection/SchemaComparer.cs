using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>Compares two schema models and describes each difference in words a test failure can show.</summary>
internal static class SchemaComparer
{
    public static IReadOnlyList<string> Compare(DatabaseSchema expected, DatabaseSchema actual)
    {
        var differences = new List<string>();
        foreach (var table in expected.Tables)
        {
            var other = actual.FindTable(table.Name);
            if (other is null)
            {
                differences.Add($"table {table.Name} is missing");
                continue;
            }

            CompareTable(table, other, differences);
        }

        differences.AddRange(actual.Tables.Where(t => expected.FindTable(t.Name) is null).Select(t => $"table {t.Name} is unexpected"));
        CompareSets(expected.Views, actual.Views, v => v.Name.ToString(), v => Normalize(v.Definition), "view", "", differences);
        return differences;
    }

    private static void CompareTable(TableSchema expected, TableSchema actual, List<string> differences)
    {
        var where = $"table {expected.Name}";
        var expectedNames = expected.Columns.Select(c => c.Name).ToArray();
        var actualNames = actual.Columns.Select(c => c.Name).ToArray();
        if (!expectedNames.SequenceEqual(actualNames, StringComparer.Ordinal))
        {
            differences.Add($"{where}: columns are ({string.Join(", ", actualNames)}), expected ({string.Join(", ", expectedNames)})");
        }

        foreach (var column in expected.Columns)
        {
            if (actual.FindColumn(column.Name) is { } other && Describe(column) != Describe(other))
            {
                differences.Add($"{where}: column {column.Name} is {Describe(other)}, expected {Describe(column)}");
            }
        }

        var expectedKey = expected.PrimaryKey is null ? "none" : Describe(expected.PrimaryKey.Name, expected.PrimaryKey.Columns);
        var actualKey = actual.PrimaryKey is null ? "none" : Describe(actual.PrimaryKey.Name, actual.PrimaryKey.Columns);
        if (expectedKey != actualKey)
        {
            differences.Add($"{where}: primary key is {actualKey}, expected {expectedKey}");
        }

        CompareSets(expected.UniqueConstraints, actual.UniqueConstraints, u => u.Name, u => Describe(u.Name, u.Columns), "unique constraint", where, differences);
        CompareSets(expected.ForeignKeys, actual.ForeignKeys, f => f.Name, Describe, "foreign key", where, differences);
        CompareSets(expected.CheckConstraints, actual.CheckConstraints, c => c.Name, c => Normalize(c.Expression), "check constraint", where, differences);
        CompareSets(expected.Indexes, actual.Indexes, i => i.Name, Describe, "index", where, differences);
        CompareSets(expected.Triggers, actual.Triggers, t => t.Name, t => Normalize(t.Definition), "trigger", where, differences);
    }

    private static void CompareSets<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> key, Func<T, string> describe, string kind, string where, List<string> differences)
    {
        var prefix = where.Length == 0 ? string.Empty : where + ": ";
        var actualByKey = actual.ToDictionary(key, describe, StringComparer.Ordinal);
        foreach (var item in expected)
        {
            if (!actualByKey.TryGetValue(key(item), out var other))
            {
                differences.Add($"{prefix}{kind} {key(item)} is missing");
            }
            else if (other != describe(item))
            {
                differences.Add($"{prefix}{kind} {key(item)} is {other}, expected {describe(item)}");
            }
        }

        var expectedKeys = expected.Select(key).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(actual.Where(a => !expectedKeys.Contains(key(a))).Select(a => $"{prefix}{kind} {key(a)} is unexpected"));
    }

    private static string Describe(ColumnSchema column) =>
        $"{column.StoreType.ToUpperInvariant()}{(column.IsNullable ? " NULL" : " NOT NULL")}{(column.DefaultSql is null ? string.Empty : " DEFAULT " + Normalize(column.DefaultSql))}{(column.IsIdentity ? " IDENTITY" : string.Empty)}";

    private static string Describe(string name, IReadOnlyList<string> columns) => $"{name}({string.Join(", ", columns)})";

    private static string Describe(ForeignKeyDefinition key) =>
        $"({string.Join(", ", key.Columns)}) -> {key.PrincipalTable}({string.Join(", ", key.PrincipalColumns)}) on delete {key.OnDelete} on update {key.OnUpdate}";

    private static string Describe(IndexDefinition index) =>
        $"{(index.IsUnique ? "unique " : string.Empty)}{(index.Method is null or "btree" ? string.Empty : index.Method + " ")}({string.Join(", ", index.Columns.Concat(index.Expressions.Select(Normalize)))}){(index.Filter is null ? string.Empty : " where " + Normalize(index.Filter))}";

    private static string Normalize(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
