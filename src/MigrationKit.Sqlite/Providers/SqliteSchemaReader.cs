using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.Sqlite;

/// <summary>
/// Reads a SQLite database's schema from <c>sqlite_schema</c> and the table-valued pragmas, in four queries whatever
/// the number of tables. Constraint names, check expressions and defaults as written come from each table's
/// <c>CREATE TABLE</c> text (<see cref="SqliteSqlParser"/>), because no pragma reports them. A constraint declared
/// without a name gets the name MigrationKit's default naming convention would give it (<c>pk_t</c>,
/// <c>uq_t_a</c>, <c>fk_t_a_p</c>, <c>ck_t_1</c>), so that it can still be dropped by name. A view's definition
/// includes its <c>INSTEAD OF</c> triggers. Each table and index also carries its statement as written
/// (<see cref="TableSchema.Definition"/>, <see cref="IndexDefinition.Definition"/>), from which a rebuild recreates it;
/// column collations, generated expressions and table options come from the same text (<see cref="SqliteCreateTable"/>),
/// whether a generated column is stored from <c>pragma_table_xinfo</c>.
/// </summary>
internal sealed class SqliteSchemaReader : ISchemaReader
{
    // Ordinary tables only: not SQLite's own, not virtual tables nor the shadow tables that hold their data.
    private const string UserTable = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    private const string AllUserTables = UserTable + " AND m.name IN (SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table')";

    // Only the tables named in @names (a JSON array), found by pragma_table_list, which compares names as SQLite does and
    // gives each one's own spelling: no scan of sqlite_schema and no list of every table (about 0.5 ms per query on a
    // database of 200 tables).
    private const string NamedUserTables =
        "json_each(@names) AS n JOIN pragma_table_list(n.value) AS m ON m.schema = 'main' AND m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    private const string ObjectsSelect = "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE ";

    private const string UserObjects = "type IN ('table', 'index', 'trigger', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql IS NOT NULL";

    private const string ObjectsSql = ObjectsSelect + UserObjects + " ORDER BY rowid";

    // The name test comes first, so that the text of other tables' objects is never read (half the cost).
    private const string ObjectsOfNamedSql = ObjectsSelect + "tbl_name COLLATE NOCASE IN (SELECT value FROM json_each(@names)) AND " + UserObjects + " ORDER BY rowid";
    private const string ColumnsSql = ColumnsSelect + AllTablesFrom + ColumnsJoin + " WHERE " + AllUserTables + ColumnsOrder;
    private const string ColumnsOfNamedSql = ColumnsSelect + NamedUserTables + ColumnsJoin + ColumnsOrder;
    private const string IndexesSql = IndexesSelect + AllTablesFrom + IndexesJoin + " WHERE " + AllUserTables + IndexesOrder;
    private const string IndexesOfNamedSql = IndexesSelect + NamedUserTables + IndexesJoin + IndexesOrder;
    private const string ForeignKeysSql = ForeignKeysSelect + AllTablesFrom + ForeignKeysJoin + " WHERE " + AllUserTables + ForeignKeysOrder;
    private const string ForeignKeysOfNamedSql = ForeignKeysSelect + NamedUserTables + ForeignKeysJoin + ForeignKeysOrder;

    private const string AllTablesFrom = "sqlite_schema AS m";

    private const string ColumnsSelect = "SELECT m.name, c.name, c.type, c.\"notnull\", c.dflt_value, c.pk, c.hidden FROM ";

    // The pragmas below are asked about the main schema by name: without it a TEMP table of the same name hides the table.
    private const string ColumnsJoin = " JOIN pragma_table_xinfo(m.name, 'main') AS c";

    private const string ColumnsOrder = " ORDER BY m.name, c.cid";

    private const string IndexesSelect = "SELECT m.name, l.name, l.\"unique\", l.origin, l.partial, i.name FROM ";

    private const string IndexesJoin = " JOIN pragma_index_list(m.name, 'main') AS l JOIN pragma_index_info(l.name, 'main') AS i";

    private const string IndexesOrder = " ORDER BY m.name, l.seq, i.seqno";

    private const string ForeignKeysSelect = "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete FROM ";

    private const string ForeignKeysJoin = " JOIN pragma_foreign_key_list(m.name, 'main') AS f";

    private const string ForeignKeysOrder = " ORDER BY m.name, f.id, f.seq";

    /// <inheritdoc />
    public ValueTask<DatabaseSchema> ReadAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ReadAsync(session, names: null, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<DatabaseSchema> ReadTablesAsync(MigrationSession session, IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tables);
        return ReadAsync(session, JsonSerializer.Serialize(tables.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray()), cancellationToken);
    }

    /// <summary>The named tables with their columns only (name, type, nullability): one query instead of a full read's four and its parse.</summary>
    /// <param name="session">The open session.</param>
    /// <param name="tables">The tables wanted, matched as SQLite matches names.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The tables that exist, each with its columns and nothing else.</returns>
    public async ValueTask<DatabaseSchema> ReadTableColumnsAsync(MigrationSession session, IReadOnlyCollection<QualifiedName> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tables);
        var names = JsonSerializer.Serialize(tables.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
        var columns = await QueryAsync(session, ColumnsOfNamedSql, names, r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) != 0, Hidden: r.GetInt32(6)), cancellationToken).ConfigureAwait(false);
        return new DatabaseSchema(columns.Where(c => c.Hidden != 1).GroupBy(c => c.Table, StringComparer.Ordinal)
            .Select(g => new TableSchema(new QualifiedName(g.Key), g.Select(c => new ColumnSchema(c.Name, c.Type) { IsNullable = !c.NotNull }).ToArray()))
            .ToArray());
    }

    /// <summary>Reads every table, or only those named in <paramref name="names"/> (a JSON array of names).</summary>
    private static async ValueTask<DatabaseSchema> ReadAsync(MigrationSession session, string? names, CancellationToken cancellationToken)
    {
        async Task<List<T>> RowsAsync<T>(string all, string named, Func<DbDataReader, T> map) =>
            await QueryAsync(session, names is null ? all : named, names, map, cancellationToken).ConfigureAwait(false);

        var objects = await RowsAsync(ObjectsSql, ObjectsOfNamedSql, r => (Type: r.GetString(0), Name: r.GetString(1), Table: r.GetString(2), Sql: r.GetString(3))).ConfigureAwait(false);
        var columns = (await RowsAsync(ColumnsSql, ColumnsOfNamedSql, r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) != 0, Default: r.IsDBNull(4) ? null : r.GetString(4), Key: r.GetInt32(5), Hidden: r.GetInt32(6))).ConfigureAwait(false))
            .Where(c => c.Hidden != 1)
            .ToLookup(c => c.Table, StringComparer.Ordinal);
        var indexes = (await RowsAsync(IndexesSql, IndexesOfNamedSql, r => (Table: r.GetString(0), Name: r.GetString(1), Unique: r.GetInt64(2) != 0, Origin: r.GetString(3), Partial: r.GetInt64(4) != 0, Column: r.IsDBNull(5) ? null : r.GetString(5))).ConfigureAwait(false))
            .ToLookup(i => i.Table, StringComparer.Ordinal);
        var foreignKeys = (await RowsAsync(ForeignKeysSql, ForeignKeysOfNamedSql, r => (Table: r.GetString(0), Id: r.GetInt64(1), Principal: r.GetString(2), From: r.GetString(3), To: r.IsDBNull(4) ? null : r.GetString(4), OnUpdate: r.GetString(5), OnDelete: r.GetString(6))).ConfigureAwait(false))
            .ToLookup(f => f.Table, StringComparer.Ordinal);
        var triggers = objects.Where(o => o.Type == "trigger").ToLookup(o => o.Table, StringComparer.OrdinalIgnoreCase);
        var indexSql = objects.Where(o => o.Type == "index").ToDictionary(o => o.Name, o => o.Sql, StringComparer.OrdinalIgnoreCase);

        // A foreign key written as "REFERENCES parent" with no column list means the parent's primary key.
        var primaryKeys = columns.ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.Where(c => c.Key > 0).OrderBy(c => c.Key).Select(c => c.Name).ToArray(),
            StringComparer.OrdinalIgnoreCase);
        if (names is not null)
        {
            // A partial read still resolves such a reference to a table outside it.
            foreach (var principal in foreignKeys.SelectMany(g => g).Where(f => f.To is null).Select(f => f.Principal).Distinct(StringComparer.OrdinalIgnoreCase).Where(p => !primaryKeys.ContainsKey(p)).ToArray())
            {
                primaryKeys[principal] = await QueryAsync(session, "SELECT name FROM pragma_table_info(@names, 'main') WHERE pk > 0 ORDER BY pk", principal, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
            }
        }

        var tables = new List<TableSchema>();
        foreach (var (_, name, _, sql) in objects.Where(o => o.Type == "table" && columns.Contains(o.Name)))
        {
            var definition = SqliteSqlParser.ParseTable(sql);
            var statement = SqliteCreateTable.Parse(sql);
            var tableColumns = columns[name].ToArray();
            var keyColumns = primaryKeys[name];
            HashSet<string> uniqueNames = new(StringComparer.Ordinal), keyNames = new(StringComparer.Ordinal), checkNames = new(StringComparer.Ordinal);
            var uniques = new List<SqliteParsedConstraint>(definition.UniqueConstraints);
            var keys = new List<SqliteParsedConstraint>(definition.ForeignKeys);
            tables.Add(new TableSchema(new QualifiedName(name), tableColumns.Select(c => new ColumnSchema(c.Name, c.Type)
            {
                IsNullable = !c.NotNull,
                DefaultSql = definition.Defaults.GetValueOrDefault(c.Name) ?? c.Default,
                IsIdentity = keyColumns.Count == 1 && c.Key == 1 && definition.AutoincrementColumns.Contains(c.Name),
                Collation = statement?.FindColumn(c.Name)?.Find(SqliteClauseKind.Collate)?.Text,
                GeneratedSql = c.Hidden is 2 or 3 ? statement?.FindColumn(c.Name)?.Find(SqliteClauseKind.Generated)?.Text ?? string.Empty : null,
                IsStored = c.Hidden == 3,
            }).ToArray())
            {
                Definition = sql,
                Options = statement?.Options ?? [],
                PrimaryKey = keyColumns.Count == 0 ? null : new PrimaryKeyDefinition(definition.PrimaryKeyName ?? $"pk_{name}", keyColumns),
                UniqueConstraints = indexes[name].Where(i => i.Origin == "u").GroupBy(i => i.Name).Select(g =>
                {
                    var indexColumns = g.Select(i => i.Column ?? string.Empty).ToArray();
                    return new UniqueConstraintDefinition(Unique(uniqueNames, Take(uniques, indexColumns, null)?.Name ?? $"uq_{name}_{string.Join('_', indexColumns)}"), indexColumns);
                }).ToArray(),
                ForeignKeys = foreignKeys[name].GroupBy(f => f.Id).Select(g =>
                {
                    var first = g.First();
                    var from = g.Select(f => f.From).ToArray();
                    var to = g.All(f => f.To is null) ? primaryKeys.GetValueOrDefault(first.Principal) ?? [] : g.Select(f => f.To ?? string.Empty).ToArray();
                    var key = Unique(keyNames, Take(keys, from, first.Principal)?.Name ?? $"fk_{name}_{string.Join('_', from)}_{first.Principal}");
                    return new ForeignKeyDefinition(key, from, new QualifiedName(first.Principal), to)
                    {
                        OnDelete = Action(first.OnDelete),
                        OnUpdate = Action(first.OnUpdate),
                    };
                }).ToArray(),
                CheckConstraints = definition.CheckConstraints.Where(c => c.Expression is not null).Select((c, n) =>
                    new CheckConstraintDefinition(Unique(checkNames, c.Name ?? string.Create(CultureInfo.InvariantCulture, $"ck_{name}_{n + 1}")), c.Expression!)).ToArray(),
                Indexes = indexes[name].Where(i => i.Origin == "c").GroupBy(i => i.Name).Select(g =>
                {
                    var first = g.First();
                    var (items, filter) = indexSql.TryGetValue(first.Name, out var text) ? SqliteSqlParser.ParseIndex(text) : ([], null);

                    // An expression key has no column name: its text (without the parentheses the generator writes) is
                    // kept as an expression. The model lists columns before expressions, so when an expression comes
                    // first every key is kept as an expression, which keeps the key order exact for a rebuild.
                    // A key's collation and direction are kept beside it, in the model's key order.
                    var keys = g.Select((i, n) => (i.Column, Split: SqliteSqlParser.SplitIndexKey(n < items.Count ? items[n] : string.Empty))).ToArray();
                    var columnsFirst = keys.SkipWhile(k => k.Column is not null).All(k => k.Column is null);
                    var ordered = columnsFirst ? keys.Where(k => k.Column is not null).Concat(keys.Where(k => k.Column is null)).ToArray() : keys;
                    return new IndexDefinition(first.Name, columnsFirst ? keys.Where(k => k.Column is not null).Select(k => k.Column!).ToArray() : [])
                    {
                        IsUnique = first.Unique,
                        Filter = first.Partial ? filter : null,
                        Expressions = keys.Where(k => !columnsFirst || k.Column is null).Select(k => SqliteSqlParser.Unwrap(k.Split.Key)).ToArray(),
                        KeyOptions = ordered.All(k => k.Split.Options.Length == 0) ? [] : ordered.Select(k => k.Split.Options).ToArray(),
                        Definition = text,
                    };
                }).ToArray(),
                Triggers = triggers[name].Select(t => new TriggerSchema(t.Name, t.Sql)).ToArray(),
            });
        }

        // A view's INSTEAD OF triggers die with it and the model has no other place for them, so they travel in its
        // definition (statements separated by ";"): a table rebuild that drops and recreates views keeps them.
        var views = objects.Where(o => o.Type == "view")
            .Select(o => new ViewSchema(new QualifiedName(o.Name), string.Join(";\n", triggers[o.Name].Select(t => t.Sql).Prepend(o.Sql))))
            .ToArray();
        return new DatabaseSchema(tables) { Views = views };
    }

    /// <inheritdoc />
    public async ValueTask<bool> TableExistsAsync(MigrationSession session, QualifiedName table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(table);

        // SQLite compares identifiers without regard to ASCII case, and a database has one schema.
        var command = session.CreateCommand("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = @name COLLATE NOCASE");
        await using (command.ConfigureAwait(false))
        {
            MigrationSession.AddParameter(command, "name", table.Name);
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
        }
    }

    private static async Task<List<T>> QueryAsync<T>(MigrationSession session, string sql, string? names, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var command = session.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            if (names is not null)
            {
                MigrationSession.AddParameter(command, "names", names);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(map(reader));
                }

                return rows;
            }
        }
    }

    /// <summary>Removes and returns the first parsed constraint on the same columns (and referenced table), if any.</summary>
    private static SqliteParsedConstraint? Take(List<SqliteParsedConstraint> parsed, IReadOnlyList<string> columns, string? principal)
    {
        var index = parsed.FindIndex(p =>
            p.Columns.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase)
            && (principal is null || string.Equals(p.PrincipalTable, principal, StringComparison.OrdinalIgnoreCase)));
        if (index < 0)
        {
            return null;
        }

        var match = parsed[index];
        parsed.RemoveAt(index);
        return match;
    }

    /// <summary>Keeps names of one kind distinct within a table, so that two unnamed look-alike constraints do not collide.</summary>
    private static string Unique(HashSet<string> used, string name)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{name}_{n}");
        }

        return candidate;
    }

    private static ReferentialAction Action(string action) => action.ToUpperInvariant() switch
    {
        "RESTRICT" => ReferentialAction.Restrict,
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        _ => ReferentialAction.NoAction,
    };
}
