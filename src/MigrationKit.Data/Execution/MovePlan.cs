using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Execution;

/// <summary>A <see cref="DataMove"/> resolved against both databases: the columns read, the key, the target columns written.</summary>
internal sealed class MovePlan
{
    private MovePlan(DataMove move, IReadOnlyList<DataColumn> read, int keyCount, IReadOnlyList<ResolvedMapping> mappings, int[] targetKeyIndexes)
    {
        Move = move;
        SourceColumns = read;
        KeyIndexes = Enumerable.Range(0, keyCount).ToArray();
        KeyColumns = read.Take(keyCount).ToArray();
        Mappings = mappings;
        TargetColumns = mappings.Select(m => m.Target).ToArray();
        TargetTypes = mappings.Select(m => m.Target.Type).ToArray();
        TargetKeyIndexes = targetKeyIndexes;
        TargetKeyColumns = targetKeyIndexes.Select(i => TargetColumns[i]).ToArray();
        KeyNames = KeyColumns.Select(c => c.Name).ToArray();
    }

    public DataMove Move { get; }

    /// <summary>The source columns read: the key columns first.</summary>
    public IReadOnlyList<DataColumn> SourceColumns { get; }

    public int[] KeyIndexes { get; }

    public IReadOnlyList<DataColumn> KeyColumns { get; }

    public IReadOnlyList<string> KeyNames { get; }

    public IReadOnlyList<ResolvedMapping> Mappings { get; }

    public IReadOnlyList<DataColumn> TargetColumns { get; }

    public IReadOnlyList<DataType> TargetTypes { get; }

    /// <summary>Indexes into a transformed row of the target key (the columns the source key is mapped to).</summary>
    public int[] TargetKeyIndexes { get; }

    public IReadOnlyList<DataColumn> TargetKeyColumns { get; }

    public static async Task<MovePlan> ResolveAsync(DataMove move, System.Data.Common.DbConnection source, System.Data.Common.DbConnection target, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var sourceColumns = await move.Source.DescribeTableAsync(source, move.SourceTable, cancellationToken).ConfigureAwait(false);
        var targetColumns = await move.Target.DescribeTableAsync(target, move.TargetTable, cancellationToken).ConfigureAwait(false);
        if (sourceColumns.Count == 0)
        {
            problems.Add($"the source table '{move.SourceTable}' does not exist on {move.Source.DisplayName}");
        }

        if (targetColumns.Count == 0)
        {
            problems.Add($"the target table '{move.TargetTable}' does not exist on {move.Target.DisplayName}; create it with a migration first");
        }

        if (problems.Count > 0)
        {
            throw new DataMoveDefinitionException(move.Name, problems);
        }

        DataColumn? Source(string name) => sourceColumns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? (string.Equals(name, move.Source.ImplicitKeyColumn, StringComparison.OrdinalIgnoreCase) ? new DataColumn(move.Source.ImplicitKeyColumn!, DataType.Int64, "INTEGER", false, 1) : null);
        DataColumn? Target(string name) => targetColumns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

        // The key: as given, else the primary key, else the implicit key.
        var key = new List<DataColumn>();
        if (move.SourceKey.Count > 0)
        {
            foreach (var name in move.SourceKey)
            {
                if (Source(name) is { } column)
                {
                    key.Add(column);
                }
                else
                {
                    problems.Add($"the key column '{name}' is not a column of '{move.SourceTable}'");
                }
            }
        }
        else if (sourceColumns.Where(c => c.KeyOrdinal > 0).OrderBy(c => c.KeyOrdinal).ToList() is { Count: > 0 } primaryKey)
        {
            key.AddRange(primaryKey);
        }
        else if (move.Source.ImplicitKeyColumn is { } implicitKey)
        {
            key.Add(Source(implicitKey)!);
        }
        else
        {
            problems.Add($"'{move.SourceTable}' has no primary key: name the key columns in From(source, table, key)");
        }

        var declared = move.Mappings.Count > 0
            ? move.Mappings
            : targetColumns.Where(t => sourceColumns.Any(s => string.Equals(s.Name, t.Name, StringComparison.OrdinalIgnoreCase))).Select(t => new ColumnMapping(Source(t.Name)!.Name, t.Name, null)).ToList();
        if (declared.Count == 0)
        {
            problems.Add($"no column of '{move.SourceTable}' has a column of the same name in '{move.TargetTable}': map them with Map(source, to)");
        }

        var read = new List<DataColumn>(key);
        var mappings = new List<ResolvedMapping>();
        foreach (var mapping in declared)
        {
            var sourceColumn = Source(mapping.Source);
            var targetColumn = Target(mapping.Target);
            if (sourceColumn is null)
            {
                problems.Add($"'{mapping.Source}' is not a column of the source table '{move.SourceTable}'");
            }

            if (targetColumn is null)
            {
                problems.Add($"'{mapping.Target}' is not a column of the target table '{move.TargetTable}'");
            }

            if (sourceColumn is null || targetColumn is null)
            {
                continue;
            }

            var index = read.FindIndex(c => string.Equals(c.Name, sourceColumn.Name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                read.Add(sourceColumn);
                index = read.Count - 1;
            }

            if (mapping.Converter?.Kind == DataConverterKind.NewGuid)
            {
                if (targetColumn.Type is not (DataType.Guid or DataType.Text))
                {
                    problems.Add($"ToNewGuid() writes a UUID, and target column '{targetColumn.Name}' is {targetColumn.StoreType}");
                }

                if (!key.Any(k => string.Equals(k.Name, sourceColumn.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"ToNewGuid() is on '{sourceColumn.Name}', which is not the source key");
                }
            }

            if (mapping.Converter?.Kind == DataConverterKind.Lookup)
            {
                var lookupColumns = await move.Target.DescribeTableAsync(target, mapping.Converter.LookupTable!, cancellationToken).ConfigureAwait(false);
                if (lookupColumns.Count == 0)
                {
                    problems.Add($"the lookup table '{mapping.Converter.LookupTable}' does not exist on {move.Target.DisplayName}");
                }
                else
                {
                    foreach (var name in new[] { mapping.Converter.LookupMatchColumn!, mapping.Converter.LookupResultColumn! })
                    {
                        if (!lookupColumns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
                        {
                            problems.Add($"'{name}' is not a column of the lookup table '{mapping.Converter.LookupTable}'");
                        }
                    }
                }
            }

            mappings.Add(new ResolvedMapping(sourceColumn.Name, index, targetColumn, mapping.Converter));
        }

        var targetKey = new List<int>();
        foreach (var column in key)
        {
            var index = mappings.FindIndex(m => string.Equals(m.Source, column.Name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                problems.Add($"the source key column '{column.Name}' is not mapped to a target column; the id map needs each row's target key: add Map(\"{column.Name}\", to: \"<target key column>\")");
            }
            else
            {
                targetKey.Add(index);
            }
        }

        if (problems.Count > 0)
        {
            throw new DataMoveDefinitionException(move.Name, problems);
        }

        return new MovePlan(move, read, key.Count, mappings, targetKey.ToArray());
    }
}
