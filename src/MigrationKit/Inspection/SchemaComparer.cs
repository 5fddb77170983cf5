using System.Globalization;
using MigrationKit.Operations;

namespace MigrationKit.Inspection;

/// <summary>Compares two schema models: every difference as a <see cref="SchemaDifference"/>.</summary>
internal static class SchemaComparer
{
    public static IReadOnlyList<SchemaDifference> Compare(DatabaseSchema expected, DatabaseSchema actual)
    {
        var differences = new List<SchemaDifference>();
        foreach (var table in expected.Tables)
        {
            var other = actual.FindTable(table.Name);
            if (other is null)
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.Missing, SchemaObjectKind.Table, table.Name, table.Name.Name, table.Name.ToString(), null));
                continue;
            }

            CompareTable(table, other, differences);
        }

        differences.AddRange(actual.Tables.Where(t => expected.FindTable(t.Name) is null)
            .Select(t => new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.Table, t.Name, t.Name.Name, null, t.Name.ToString())));
        CompareSets(expected.Views, actual.Views, v => v.Name.ToString(), v => Normalize(v.Definition), SchemaObjectKind.View, null, differences);
        ComparePartitioning(expected.PartitionedTables, actual.PartitionedTables, differences);
        CompareSets(expected.MaterializedViews, actual.MaterializedViews, v => v.Name.ToString(), v => Normalize(v.Definition), SchemaObjectKind.MaterializedView, null, differences);
        foreach (var view in expected.MaterializedViews)
        {
            if (actual.MaterializedViews.FirstOrDefault(v => v.Name == view.Name) is { } other)
            {
                CompareSets(view.Indexes, other.Indexes, i => i.Name, Describe, SchemaObjectKind.MaterializedViewIndex, view.Name, differences);
            }
        }

        CompareSets(expected.EnumTypes, actual.EnumTypes, e => e.Name.ToString(), e => $"({string.Join(", ", e.Values.Select(v => "'" + v + "'"))})", SchemaObjectKind.EnumType, null, differences);
        CompareSets(expected.Domains, actual.Domains, d => d.Name.ToString(), Describe, SchemaObjectKind.Domain, null, differences);
        CompareSets(expected.Sequences, actual.Sequences, s => s.Name.ToString(), Describe, SchemaObjectKind.Sequence, null, differences);
        return differences;
    }

    private static void ComparePartitioning(IReadOnlyList<PartitionedTableSchema> expected, IReadOnlyList<PartitionedTableSchema> actual, List<SchemaDifference> differences)
    {
        CompareSets(expected, actual, p => p.Table.ToString(), p => Normalize(p.PartitionKey), SchemaObjectKind.PartitionedTable, null, differences);
        var partitionsOf = (IReadOnlyList<PartitionedTableSchema> tables, QualifiedName table) =>
            tables.FirstOrDefault(p => p.Table == table)?.Partitions ?? [];
        foreach (var table in expected.Select(p => p.Table).Union(actual.Select(p => p.Table)))
        {
            CompareSets(partitionsOf(expected, table), partitionsOf(actual, table), p => p.Name.ToString(), p => Normalize(p.Bound), SchemaObjectKind.Partition, table, differences);
        }
    }

    private static void CompareTable(TableSchema expected, TableSchema actual, List<SchemaDifference> differences)
    {
        var table = expected.Name;
        // A column that is only on one side is missing or unexpected; the order is a difference of its own only
        // among the columns both sides have, so one added column is reported once, as itself.
        var expectedNames = expected.Columns.Select(c => c.Name).ToArray();
        var actualNames = actual.Columns.Select(c => c.Name).ToArray();
        var shared = expectedNames.Intersect(actualNames, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        foreach (var column in expected.Columns)
        {
            if (actual.FindColumn(column.Name) is not { } other)
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.Missing, SchemaObjectKind.Column, table, column.Name, Describe(column), null));
            }
            else if (Describe(column) != Describe(other))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.Column, table, column.Name, Describe(column), Describe(other)));
            }
        }

        differences.AddRange(actual.Columns.Where(c => !shared.Contains(c.Name))
            .Select(c => new SchemaDifference(SchemaDifferenceKind.Unexpected, SchemaObjectKind.Column, table, c.Name, null, Describe(c))));
        var expectedOrder = expectedNames.Where(shared.Contains).ToArray();
        var actualOrder = actualNames.Where(shared.Contains).ToArray();
        if (!expectedOrder.SequenceEqual(actualOrder, StringComparer.Ordinal))
        {
            differences.Add(new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.Columns, table, string.Empty, string.Join(", ", expectedOrder), string.Join(", ", actualOrder)));
        }

        var expectedOptions = string.Join(", ", expected.Options);
        var actualOptions = string.Join(", ", actual.Options);
        if (!string.Equals(expectedOptions, actualOptions, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add(new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.TableOptions, table, string.Empty, expectedOptions, actualOptions));
        }

        var expectedKey = expected.PrimaryKey is null ? "none" : Describe(expected.PrimaryKey.Name, expected.PrimaryKey.Columns);
        var actualKey = actual.PrimaryKey is null ? "none" : Describe(actual.PrimaryKey.Name, actual.PrimaryKey.Columns);
        if (expectedKey != actualKey)
        {
            differences.Add(new SchemaDifference(SchemaDifferenceKind.Changed, SchemaObjectKind.PrimaryKey, table, expected.PrimaryKey?.Name ?? actual.PrimaryKey?.Name ?? string.Empty, expectedKey, actualKey));
        }

        CompareSets(expected.UniqueConstraints, actual.UniqueConstraints, u => u.Name, u => Describe(u.Name, u.Columns), SchemaObjectKind.UniqueConstraint, table, differences);
        CompareSets(expected.ForeignKeys, actual.ForeignKeys, f => f.Name, Describe, SchemaObjectKind.ForeignKey, table, differences);
        CompareSets(expected.CheckConstraints, actual.CheckConstraints, c => c.Name, c => Normalize(c.Expression), SchemaObjectKind.CheckConstraint, table, differences);
        CompareSets(expected.Indexes, actual.Indexes, i => i.Name, Describe, SchemaObjectKind.Index, table, differences);
        CompareSets(expected.Triggers, actual.Triggers, t => t.Name, t => Normalize(t.Definition), SchemaObjectKind.Trigger, table, differences);
    }

    private static void CompareSets<T>(IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> key, Func<T, string> describe, SchemaObjectKind kind, QualifiedName? table, List<SchemaDifference> differences)
    {
        var actualByKey = actual.ToDictionary(key, describe, StringComparer.Ordinal);
        foreach (var item in expected)
        {
            if (!actualByKey.TryGetValue(key(item), out var other))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.Missing, kind, table, key(item), describe(item), null));
            }
            else if (other != describe(item))
            {
                differences.Add(new SchemaDifference(SchemaDifferenceKind.Changed, kind, table, key(item), describe(item), other));
            }
        }

        var expectedKeys = expected.Select(key).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(actual.Where(a => !expectedKeys.Contains(key(a))).Select(a => new SchemaDifference(SchemaDifferenceKind.Unexpected, kind, table, key(a), null, describe(a))));
    }

    private static string Describe(ColumnSchema column) =>
        $"{column.StoreType.ToUpperInvariant()}{(column.IsNullable ? " NULL" : " NOT NULL")}{(column.DefaultSql is null ? string.Empty : " DEFAULT " + Normalize(column.DefaultSql))}{(column.IsIdentity ? " IDENTITY" : string.Empty)}"
        + $"{(column.Collation is null ? string.Empty : " COLLATE " + column.Collation)}"
        + $"{(column.GeneratedSql is null ? string.Empty : $" GENERATED AS ({Normalize(column.GeneratedSql)}) {(column.IsStored ? "STORED" : "VIRTUAL")}")}";

    private static string Describe(DomainSchema domain) =>
        $"{domain.BaseType.ToUpperInvariant()}{(domain.Collation is null ? string.Empty : " COLLATE " + domain.Collation)}{(domain.IsNullable ? string.Empty : " NOT NULL")}"
        + $"{(domain.DefaultSql is null ? string.Empty : " DEFAULT " + Normalize(domain.DefaultSql))}"
        + string.Concat(domain.CheckConstraints.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $" CONSTRAINT {c.Name} CHECK ({Normalize(c.Expression)})"));

    private static string Describe(SequenceSchema sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{sequence.DataType} start {sequence.StartValue} increment {sequence.Increment} min {sequence.MinValue} max {sequence.MaxValue} cache {sequence.Cache}{(sequence.Cycles ? " cycle" : string.Empty)}")
        + (sequence.OwnedByTable is null ? string.Empty : $" owned by {sequence.OwnedByTable}.{sequence.OwnedByColumn}");

    private static string Describe(string name, IReadOnlyList<string> columns) => $"{name}({string.Join(", ", columns)})";

    private static string Describe(ForeignKeyDefinition key) =>
        $"({string.Join(", ", key.Columns)}) -> {key.PrincipalTable}({string.Join(", ", key.PrincipalColumns)}) on delete {key.OnDelete} on update {key.OnUpdate}";

    private static string Describe(IndexDefinition index) =>
        $"{(index.IsUnique ? "unique " : string.Empty)}{(index.Method is null or "btree" ? string.Empty : index.Method + " ")}({string.Join(", ", index.Columns.Concat(index.Expressions.Select(Normalize)).Select((key, n) => n < index.KeyOptions.Count && index.KeyOptions[n].Length > 0 ? key + " " + Normalize(index.KeyOptions[n]) : key))}){(index.Filter is null ? string.Empty : " where " + Normalize(index.Filter))}";

    private static string Normalize(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
