using System.Data.Common;
using MigrationKit.Data.Conversion;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Databases;

/// <summary>
/// Resolves a <see cref="DatabaseMove"/> against both databases: which tables move where, each table's full column
/// mapping (same-named columns, the user's overrides, foreign keys to remapped parents through the parents' id maps),
/// the deferred columns, and the load order (parents first). The result is the same on every run of the same move, so
/// the per-table moves resume under the same names.
/// </summary>
internal static class DatabaseMovePlanner
{
    private const string OwnTablePrefix = "__migrationkit";

    public static async Task<ResolvedDatabaseMove> ResolveAsync(DatabaseMove move, DataMoveOptions options, CancellationToken cancellationToken)
    {
        var source = await move.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var sourceScope = source.ConfigureAwait(false);
        var target = await move.Target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var targetScope = target.ConfigureAwait(false);
        var sourceCatalog = (IDataCatalog)move.Source;
        var targetCatalog = (IDataCatalog)move.Target;
        var sourceTables = await sourceCatalog.ListTablesAsync(source, cancellationToken).ConfigureAwait(false);
        var targetTables = await targetCatalog.ListTablesAsync(target, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();

        var selected = Select(move, options, sourceTables, problems);
        var drafts = new List<Draft>();
        foreach (var table in selected)
        {
            if (await DraftAsync(move, table, source, target, targetTables, problems, cancellationToken).ConfigureAwait(false) is { } draft)
            {
                drafts.Add(draft);
            }
        }

        foreach (var duplicate in drafts.GroupBy(d => d.TargetTable, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"target table '{duplicate.Key}' would receive the rows of {string.Join(" and ", duplicate.Select(d => "'" + d.SourceTable + "'"))}; send each to its own table, or leave one out with Except()");
        }

        Throw(move, problems);
        var byTarget = drafts.ToDictionary(d => d.TargetTable, StringComparer.OrdinalIgnoreCase);
        var foreignKeys = (await targetCatalog.ListForeignKeysAsync(target, cancellationToken).ConfigureAwait(false))
            .Where(f => byTarget.ContainsKey(f.Table))
            .ToList();
        foreach (var (table, column) in move.DeferredColumns)
        {
            if (!byTarget.TryGetValue(table, out var draft))
            {
                problems.Add($"DeferColumn(\"{table}\", \"{column}\") names a table that is not a target of this move");
            }
            else if (draft.TargetColumns.FirstOrDefault(c => Same(c.Name, column)) is not { } targetColumn)
            {
                problems.Add($"DeferColumn(\"{table}\", \"{column}\") names a column that '{table}' does not have");
            }
            else if (!targetColumn.IsNullable)
            {
                problems.Add($"DeferColumn(\"{table}\", \"{column}\"): the column is NOT NULL, so it cannot be loaded as NULL first; break the cycle on a nullable column");
            }
            else
            {
                draft.DeferredTargets.Add(targetColumn.Name);
            }
        }

        foreach (var draft in drafts)
        {
            Map(draft, byTarget, foreignKeys, problems);
        }

        Throw(move, problems);
        var order = Order(move, drafts, byTarget, foreignKeys);
        var tables = order.Select(d => new TableMove(d.SourceTable, d.TargetTable, Build(d), d.Deferred)).ToArray();
        return new ResolvedDatabaseMove(tables, foreignKeys);
    }

    /// <summary>A table's move name: the database move's name and the source table's, with any other character as <c>_</c>.</summary>
    public static string MoveName(string databaseMove, string table) =>
        databaseMove + "." + new string(table.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void Throw(DatabaseMove move, List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new DataMoveDefinitionException(move.Name, problems);
        }
    }

    private static List<string> Select(DatabaseMove move, DataMoveOptions options, IReadOnlyList<string> sourceTables, List<string> problems)
    {
        string? Find(string name) => sourceTables.FirstOrDefault(t => Same(t, name));
        bool IsOwn(string table) => table.StartsWith(OwnTablePrefix, StringComparison.OrdinalIgnoreCase)
            || Same(table, options.RunsTable) || Same(table, options.IdMapTable) || Same(table, options.RejectsTable);

        var selected = new List<string>();
        if (move.Tables.Count > 0)
        {
            foreach (var name in move.Tables)
            {
                if (Find(name) is { } table)
                {
                    selected.Add(table);
                }
                else
                {
                    problems.Add($"Tables() names '{name}', which is not a table of the source {move.Source.DisplayName}");
                }
            }
        }
        else
        {
            selected.AddRange(sourceTables.Where(t => !IsOwn(t)));
        }

        foreach (var name in move.ExcludedTables)
        {
            if (Find(name) is null)
            {
                problems.Add($"Except() names '{name}', which is not a table of the source {move.Source.DisplayName}");
            }

            selected.RemoveAll(t => Same(t, name));
        }

        foreach (var name in move.Overrides.Keys.Where(name => !selected.Any(t => Same(t, name))))
        {
            problems.Add($"Table(\"{name}\", …) changes a table that this move does not move");
        }

        return selected.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static async Task<Draft?> DraftAsync(DatabaseMove move, string table, DbConnection source, DbConnection target, IReadOnlyList<string> targetTables, List<string> problems, CancellationToken cancellationToken)
    {
        var builder = new DataMoveBuilder(MoveName(move.Name, table)).From(move.Source, table).To(move.Target, table).BatchSize(move.BatchSize);
        if (move.Overrides.FirstOrDefault(o => Same(o.Key, table)).Value is { } configure)
        {
            configure(builder);
        }

        if (targetTables.FirstOrDefault(t => Same(t, builder.TargetTableName!)) is not { } targetTable)
        {
            problems.Add($"source table '{table}' has no table '{builder.TargetTableName}' in the target {move.Target.DisplayName}: create it with a migration, leave it out with Except(\"{table}\"), or send it elsewhere with Table(\"{table}\", t => t.To(target, \"other\"))");
            return null;
        }

        var sourceColumns = await move.Source.DescribeTableAsync(source, table, cancellationToken).ConfigureAwait(false);
        var targetColumns = await move.Target.DescribeTableAsync(target, targetTable, cancellationToken).ConfigureAwait(false);
        var key = builder.SourceKeyColumns.Length > 0
            ? builder.SourceKeyColumns.ToList()
            : sourceColumns.Where(c => c.KeyOrdinal > 0).OrderBy(c => c.KeyOrdinal).Select(c => c.Name).ToList();
        if (key.Count == 0 && move.Source.ImplicitKeyColumn is { } implicitKey)
        {
            key.Add(implicitKey);
        }

        return new Draft(table, targetTable, builder, sourceColumns, targetColumns, key);
    }

    /// <summary>The full mapping of a table: the user's, then every other same-named column; foreign keys to a remapped parent through its id map.</summary>
    private static void Map(Draft draft, Dictionary<string, Draft> byTarget, List<DataForeignKey> foreignKeys, List<string> problems)
    {
        var mappings = draft.Builder.Mappings.ToList();
        foreach (var targetColumn in draft.TargetColumns)
        {
            if (mappings.Any(m => Same(m.Target, targetColumn.Name)) || draft.SourceColumns.FirstOrDefault(c => Same(c.Name, targetColumn.Name)) is not { } sourceColumn)
            {
                continue;
            }

            DataConverter? converter = null;
            foreach (var foreignKey in foreignKeys.Where(f => Same(f.Table, draft.TargetTable) && f.Columns.Any(c => Same(c, targetColumn.Name))))
            {
                if (!byTarget.TryGetValue(foreignKey.ReferencedTable, out var parent) || !parent.IsRemapped)
                {
                    continue;
                }

                if (foreignKey.Columns.Count != 1)
                {
                    problems.Add($"foreign key {foreignKey} has several columns and the key of '{parent.TargetTable}' is remapped; map its columns yourself with Table(\"{draft.SourceTable}\", t => t.Map(…))");
                }
                else if (Same(foreignKey.ReferencedColumns[0], parent.KeyTargetColumn!))
                {
                    converter = DataConvert.ViaIdMap(parent.Builder.Name);
                }
            }

            mappings.Add(new ColumnMapping(sourceColumn.Name, targetColumn.Name, converter));
        }

        foreach (var deferred in draft.DeferredTargets)
        {
            var mapping = mappings.FirstOrDefault(m => Same(m.Target, deferred));
            if (mapping is null)
            {
                problems.Add($"DeferColumn(\"{draft.TargetTable}\", \"{deferred}\"): no source column fills it");
                continue;
            }

            if (mapping.Converter is not (null or { Kind: DataConverterKind.ViaIdMap }))
            {
                problems.Add($"DeferColumn(\"{draft.TargetTable}\", \"{deferred}\"): a deferred column may only be copied or go through an id map, and it is mapped with {mapping.Converter}");
            }

            if (draft.KeyTargetColumn is null)
            {
                problems.Add($"DeferColumn(\"{draft.TargetTable}\", \"{deferred}\"): filling a column in later needs a single-column key on '{draft.SourceTable}', and it has {draft.Key.Count}");
                continue;
            }

            mappings.Remove(mapping);
            draft.Deferred.Add(new DeferredColumn(draft.TargetTable, draft.TargetColumns.First(c => Same(c.Name, deferred)), mapping.Source, mapping.Converter, draft.Key[0], draft.TargetColumns.FirstOrDefault(c => Same(c.Name, draft.KeyTargetColumn))));
        }

        draft.Mappings = mappings;
    }

    /// <summary>Parents before children (Kahn's algorithm, ties by name so every run agrees); a cycle is an error naming it.</summary>
    private static List<Draft> Order(DatabaseMove move, List<Draft> drafts, Dictionary<string, Draft> byTarget, List<DataForeignKey> foreignKeys)
    {
        var edges = foreignKeys
            .Where(f => byTarget.ContainsKey(f.ReferencedTable) && !f.Columns.Any(c => byTarget[f.Table].DeferredTargets.Contains(c, StringComparer.OrdinalIgnoreCase)))
            .Select(f => (Child: byTarget[f.Table], Parent: byTarget[f.ReferencedTable], Key: f))
            .ToList();
        var parents = drafts.ToDictionary(d => d, d => edges.Where(e => e.Child == d).Select(e => e.Parent).ToHashSet());
        var order = new List<Draft>();
        var ready = new SortedSet<Draft>(drafts.Where(d => parents[d].Count == 0), Comparer<Draft>.Create((a, b) => string.CompareOrdinal(a.TargetTable, b.TargetTable)));
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var child in drafts.Where(d => parents[d].Remove(next) && parents[d].Count == 0 && !order.Contains(d)))
            {
                ready.Add(child);
            }
        }

        if (order.Count == drafts.Count)
        {
            return order;
        }

        // Left over: the tables on a cycle and those below one. Keep those that reach themselves.
        var left = drafts.Except(order).ToHashSet();
        bool Reaches(Draft from, Draft to)
        {
            var seen = new HashSet<Draft>();
            var stack = new Stack<Draft>(edges.Where(e => e.Child == from && left.Contains(e.Parent)).Select(e => e.Parent));
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current == to)
                {
                    return true;
                }

                if (seen.Add(current))
                {
                    foreach (var parent in edges.Where(e => e.Child == current && left.Contains(e.Parent)))
                    {
                        stack.Push(parent.Parent);
                    }
                }
            }

            return false;
        }

        var cycle = left.Where(d => Reaches(d, d)).OrderBy(d => d.TargetTable, StringComparer.Ordinal).ToList();
        var keys = edges.Where(e => cycle.Contains(e.Child) && cycle.Contains(e.Parent) && Reaches(e.Parent, e.Child)).Select(e => e.Key).ToList();
        throw new DataMoveCycleException(move.Name, cycle.Select(d => d.TargetTable).ToArray(), keys);
    }

    private static DataMove Build(Draft draft)
    {
        var given = draft.Builder;
        var builder = new DataMoveBuilder(given.Name)
            .From(given.SourceEndpoint!, given.SourceTableName!, given.SourceKeyColumns)
            .To(given.TargetEndpoint!, given.TargetTableName!)
            .BatchSize(given.Batch);
        if (given.FilterSql is { } filter)
        {
            builder.Where(filter);
        }

        if (given.BudgetRows is { } rows)
        {
            builder.ErrorBudget(rows);
        }

        if (given.BudgetRatio is { } ratio)
        {
            builder.ErrorBudgetRatio(ratio);
        }

        foreach (var mapping in draft.Mappings)
        {
            builder.Map(mapping.Source, mapping.Target, mapping.Converter);
        }

        return builder.Build();
    }

    private sealed class Draft(string sourceTable, string targetTable, DataMoveBuilder builder, IReadOnlyList<DataColumn> sourceColumns, IReadOnlyList<DataColumn> targetColumns, List<string> key)
    {
        public string SourceTable { get; } = sourceTable;

        public string TargetTable { get; } = targetTable;

        public DataMoveBuilder Builder { get; } = builder;

        public IReadOnlyList<DataColumn> SourceColumns { get; } = sourceColumns;

        public IReadOnlyList<DataColumn> TargetColumns { get; } = targetColumns;

        public List<string> Key { get; } = key;

        public List<string> DeferredTargets { get; } = [];

        public List<DeferredColumn> Deferred { get; } = [];

        public List<ColumnMapping> Mappings { get; set; } = [];

        /// <summary>The target column the single source key goes to, or null for a composite key.</summary>
        public string? KeyTargetColumn => Key.Count != 1 ? null
            : Builder.Mappings.FirstOrDefault(m => Same(m.Source, Key[0]))?.Target ?? TargetColumns.FirstOrDefault(c => Same(c.Name, Key[0]))?.Name;

        /// <summary>Whether a converter changes the key on its way (integer to UUID, say): children then go through the id map.</summary>
        public bool IsRemapped => Key.Count == 1 && Builder.Mappings.FirstOrDefault(m => Same(m.Source, Key[0])) is { Converter: not null };
    }
}
