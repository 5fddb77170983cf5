using System.Data.Common;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Providers;

namespace MigrationKit.PostgreSql;

/// <summary>
/// Reads a PostgreSQL database's schema from the system catalogs in one round trip (one batch of five queries): the
/// tables, constraints, indexes, triggers and views of every user schema. Tables in the session's current schema
/// (<c>current_schema()</c>, the first existing schema of <c>search_path</c>) are reported without a schema name, as
/// migrations name them; tables elsewhere carry their schema's name. Objects that belong to an extension are left out.
/// </summary>
/// <remarks>
/// <para>Types are <c>format_type</c>'s names and defaults <c>pg_get_expr</c>'s text with the type label of a lone
/// constant stripped (<see cref="PostgreSqlDefaultExpression"/>), which is what <see cref="PostgreSqlSqlGenerator"/>
/// writes. Check expressions, index expressions and partial-index predicates are PostgreSQL's own rendering of the
/// parsed expression (<c>priority BETWEEN 0 AND 10</c> reads back as <c>priority &gt;= 0 AND priority &lt;= 10</c>),
/// so they compare equal to what was read before, not always to what a migration wrote.</para>
/// <para>A column's collation is reported when it is not its type's default; a generated column's expression is
/// <c>pg_get_expr</c>'s text (PostgreSQL's generated columns are all stored).</para>
/// <para>Partitioned tables are in <see cref="DatabaseSchema.Tables"/> with their partition key and partitions (name and
/// bound) in <see cref="DatabaseSchema.PartitionedTables"/>; the partitions themselves are not tables of the model, since
/// they share the parent's shape and rows. Materialized views come with their indexes; enum types with their values in
/// order; domains with base type, nullability, default, collation and checks; sequences (not those of identity columns)
/// with their parameters and owning column.</para>
/// <para>Every catalog object is named with <c>pg_catalog</c>, so that a <c>search_path</c> or a temporary table a migration
/// left behind cannot shadow it.</para>
/// <para>Each index key's collation (when not the key's own), <c>DESC</c> and <c>NULLS FIRST/LAST</c> (when not the
/// direction's default) are in <see cref="IndexDefinition.KeyOptions"/>, written as <c>CREATE INDEX</c> takes them.</para>
/// <para>Not represented: key order across columns and expressions of one index (columns come first), operator classes
/// of index keys, exclusion constraints, and a partition's own indexes, constraints and triggers beyond
/// those it inherits.</para>
/// </remarks>
internal sealed class PostgreSqlSchemaReader : ISchemaReader
{
    private const string UserTables =
        "c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + UserObjects;

    private const string UserObjects =
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.objid = c.oid AND e.deptype = 'e')";

    private const string InCurrentSchema = "COALESCE(n.nspname = pg_catalog.current_schema(), false)";

    private const string ColumnsSql =
        "SELECT n.nspname, c.relname, " + InCurrentSchema + ", a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,"
        + " CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) END, a.attidentity <> '',"
        + " (SELECT co.collname FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid WHERE co.oid = a.attcollation AND a.attcollation <> ty.typcollation),"
        + " CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) END, COALESCE(a.attgenerated = 's', false)"
        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " WHERE " + UserTables
        + " ORDER BY n.nspname, c.relname, a.attnum";

    private const string ConstraintsSql =
        "SELECT n.nspname, c.relname, k.conname, k.contype,"
        + " ARRAY(SELECT a.attname FROM pg_catalog.unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord),"
        + " fn.nspname, fc.relname, COALESCE(fn.nspname = pg_catalog.current_schema(), false),"
        + " ARRAY(SELECT a.attname FROM pg_catalog.unnest(k.confkey) WITH ORDINALITY AS u(attnum, ord) JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord),"
        + " k.confdeltype, k.confupdtype, pg_catalog.pg_get_constraintdef(k.oid, true)"
        + " FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN pg_catalog.pg_class fc ON fc.oid = k.confrelid LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace"
        + " WHERE k.contype IN ('p', 'u', 'f', 'c') AND " + UserTables
        + " ORDER BY n.nspname, c.relname, k.conname";

    private static string IndexesOf(string relations) =>
        "SELECT n.nspname, c.relname, ic.relname, i.indisunique, am.amname,"
        + " ARRAY(SELECT CASE WHEN i.indkey[k - 1] <> 0 THEN (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) END FROM pg_catalog.generate_series(1, i.indnkeyatts) AS k ORDER BY k),"
        + " ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k, true) FROM pg_catalog.generate_series(1, i.indnkeyatts) AS k ORDER BY k),"
        + " pg_catalog.pg_get_expr(i.indpred, i.indrelid, true),"
        // Each key's options as a CREATE INDEX writes them: the collation when it is not the key's own (the column's, or
        // for an expression its type's default), DESC, and NULLS FIRST/LAST when not the direction's default.
        + " ARRAY(SELECT pg_catalog.concat_ws(' ',"
        + " CASE WHEN i.indcollation[k - 1] <> 0 AND i.indcollation[k - 1] IS DISTINCT FROM CASE WHEN i.indkey[k - 1] <> 0"
        + " THEN (SELECT a.attcollation FROM pg_catalog.pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1])"
        + " ELSE (SELECT ty.typcollation FROM pg_catalog.pg_attribute ia JOIN pg_catalog.pg_type ty ON ty.oid = ia.atttypid WHERE ia.attrelid = i.indexrelid AND ia.attnum = k) END"
        + " THEN 'COLLATE ' || (SELECT pg_catalog.quote_ident(co.collname) FROM pg_catalog.pg_collation co WHERE co.oid = i.indcollation[k - 1]) END,"
        + " CASE WHEN i.indoption[k - 1] & 1 = 1 THEN 'DESC' END,"
        + " CASE WHEN i.indoption[k - 1] & 3 = 1 THEN 'NULLS LAST' WHEN i.indoption[k - 1] & 3 = 2 THEN 'NULLS FIRST' END)"
        + " FROM pg_catalog.generate_series(1, i.indnkeyatts) AS k ORDER BY k)"
        + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_am am ON am.oid = ic.relam"
        + " WHERE " + relations
        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
        + " ORDER BY n.nspname, c.relname, ic.relname";

    private const string TriggersSql =
        "SELECT n.nspname, c.relname, t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true)"
        + " FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE NOT t.tgisinternal AND " + UserTables
        + " ORDER BY n.nspname, c.relname, t.tgname";

    private const string ViewsSql =
        "SELECT n.nspname, c.relname, " + InCurrentSchema + ", pg_catalog.pg_get_viewdef(c.oid, true)"
        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE c.relkind = 'v' AND " + UserObjects
        + " ORDER BY n.nspname, c.relname";

    private const string UserMaterializedViews = "c.relkind = 'm' AND " + UserObjects;

    private const string PartitionKeysSql =
        "SELECT n.nspname, c.relname, " + InCurrentSchema + ", pg_catalog.pg_get_partkeydef(c.oid)"
        + " FROM pg_catalog.pg_partitioned_table p JOIN pg_catalog.pg_class c ON c.oid = p.partrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE " + UserObjects
        + " ORDER BY n.nspname, c.relname";

    // Partitions of tables only: the partitions of a partitioned index are in pg_inherits too.
    private const string PartitionsSql =
        "SELECT pn.nspname, pc.relname, n.nspname, c.relname, " + InCurrentSchema + ", pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
        + " FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace"
        + " WHERE c.relispartition AND c.relkind IN ('r', 'p', 'f') AND " + UserObjects
        + " ORDER BY n.nspname, c.relname";

    private const string MaterializedViewsSql =
        "SELECT n.nspname, c.relname, " + InCurrentSchema + ", pg_catalog.pg_get_viewdef(c.oid, true)"
        + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE " + UserMaterializedViews
        + " ORDER BY n.nspname, c.relname";

    private const string UserTypes =
        "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'"
        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND e.objid = t.oid AND e.deptype = 'e')";

    private const string EnumsSql =
        "SELECT n.nspname, t.typname, " + InCurrentSchema + ","
        + " ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)"
        + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
        + " WHERE t.typtype = 'e' AND " + UserTypes
        + " ORDER BY n.nspname, t.typname";

    private const string DomainsSql =
        "SELECT n.nspname, t.typname, " + InCurrentSchema + ", pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
        + " (SELECT co.collname::text FROM pg_catalog.pg_collation co WHERE co.oid = t.typcollation AND t.typcollation <> b.typcollation),"
        + " ARRAY(SELECT k.conname::text FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname),"
        + " ARRAY(SELECT pg_catalog.pg_get_constraintdef(k.oid, true) FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.conname)"
        + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype"
        + " WHERE t.typtype = 'd' AND " + UserTypes
        + " ORDER BY n.nspname, t.typname";

    // Identity columns' sequences (dependency 'i') belong to their column; a sequence OWNED BY a column has an 'a' dependency on it.
    private const string SequencesSql =
        "SELECT n.nspname, c.relname, " + InCurrentSchema + ", pg_catalog.format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,"
        + " tn.nspname, tc.relname, COALESCE(tn.nspname = pg_catalog.current_schema(), false), a.attname"
        + " FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = c.oid"
        + " AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0"
        + " LEFT JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace"
        + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
        + " WHERE " + UserObjects
        + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i WHERE i.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND i.objid = c.oid AND i.deptype = 'i')"
        + " ORDER BY n.nspname, c.relname";

    private const string TableExistsSql =
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND c.relname = @name AND n.nspname = ";

    private readonly PostgreSqlSqlGenerator _generator;

    /// <summary>Creates a reader that quotes view names with <paramref name="generator"/>.</summary>
    /// <param name="generator">The provider's SQL generator.</param>
    public PostgreSqlSchemaReader(PostgreSqlSqlGenerator generator) => _generator = generator;

    /// <inheritdoc />
    public async ValueTask<DatabaseSchema> ReadAsync(MigrationSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var command = session.CreateCommand(string.Join(";\n", ColumnsSql, ConstraintsSql, IndexesOf(UserTables), TriggersSql, ViewsSql, PartitionKeysSql, PartitionsSql, MaterializedViewsSql, IndexesOf(UserMaterializedViews), EnumsSql, DomainsSql, SequencesSql));
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var columns = await ReadAllAsync(reader, ReadColumn, cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var constraints = (await ReadAllAsync(reader, ReadConstraint, cancellationToken).ConfigureAwait(false)).ToLookup(c => (c.Schema, c.Table));
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var indexes = (await ReadAllAsync(reader, ReadIndex, cancellationToken).ConfigureAwait(false)).ToLookup(i => (i.Schema, i.Table), i => i.Index);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var triggers = (await ReadAllAsync(reader, r => (Schema: r.GetString(0), Table: r.GetString(1), Trigger: new TriggerSchema(r.GetString(2), r.GetString(3))), cancellationToken).ConfigureAwait(false))
                    .ToLookup(t => (t.Schema, t.Table), t => t.Trigger);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var views = await ReadAllAsync(reader, ReadView, cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var partitionKeys = await ReadAllAsync(reader, r => (Schema: r.GetString(0), Table: r.GetString(1), Name: Name(r, 1, 0, 2), Key: r.GetString(3)), cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var partitions = (await ReadAllAsync(reader, r => (Parent: (r.GetString(0), r.GetString(1)), Partition: new PartitionSchema(Name(r, 3, 2, 4), r.GetString(5))), cancellationToken).ConfigureAwait(false))
                    .ToLookup(p => p.Parent, p => p.Partition);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var materializedViews = await ReadAllAsync(reader, r => (Schema: r.GetString(0), View: r.GetString(1), Name: Name(r, 1, 0, 2), Definition: r.GetString(3)), cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var materializedViewIndexes = (await ReadAllAsync(reader, ReadIndex, cancellationToken).ConfigureAwait(false)).ToLookup(i => (i.Schema, i.Table), i => i.Index);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var enums = await ReadAllAsync(reader, r => new EnumTypeSchema(Name(r, 1, 0, 2), r.GetFieldValue<string[]>(3)), cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var domains = await ReadAllAsync(reader, ReadDomain, cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                var sequences = await ReadAllAsync(reader, ReadSequence, cancellationToken).ConfigureAwait(false);

                var tables = columns.GroupBy(c => (c.Schema, c.Table)).Select(g =>
                {
                    var first = g.First();
                    var tableConstraints = constraints[g.Key].ToArray();
                    var key = tableConstraints.FirstOrDefault(k => k.Type == 'p');
                    return new TableSchema(
                        new QualifiedName(first.Table, first.Current ? null : first.Schema),
                        g.Where(c => c.Column is not null).Select(c => c.Column!).ToArray())
                    {
                        PrimaryKey = key is null ? null : new PrimaryKeyDefinition(key.Name, key.Columns),
                        UniqueConstraints = tableConstraints.Where(k => k.Type == 'u').Select(k => new UniqueConstraintDefinition(k.Name, k.Columns)).ToArray(),
                        ForeignKeys = tableConstraints.Where(k => k.Type == 'f').Select(k => k.ForeignKey!).ToArray(),
                        CheckConstraints = tableConstraints.Where(k => k.Type == 'c').Select(k => new CheckConstraintDefinition(k.Name, k.CheckExpression!)).ToArray(),
                        Indexes = indexes[g.Key].ToArray(),
                        Triggers = triggers[g.Key].ToArray(),
                    };
                }).ToArray();
                return new DatabaseSchema(tables)
                {
                    Views = views,
                    PartitionedTables = partitionKeys.Select(p => new PartitionedTableSchema(p.Name, p.Key) { Partitions = partitions[(p.Schema, p.Table)].ToArray() }).ToArray(),
                    MaterializedViews = materializedViews.Select(v => new MaterializedViewSchema(v.Name, v.Definition) { Indexes = materializedViewIndexes[(v.Schema, v.View)].ToArray() }).ToArray(),
                    EnumTypes = enums,
                    Domains = domains,
                    Sequences = sequences,
                };
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> TableExistsAsync(MigrationSession session, QualifiedName table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(table);
        var command = session.CreateCommand(TableExistsSql + (table.Schema is null ? "pg_catalog.current_schema())" : "@schema)"));
        await using (command.ConfigureAwait(false))
        {
            MigrationSession.AddParameter(command, "name", table.Name);
            if (table.Schema is not null)
            {
                MigrationSession.AddParameter(command, "schema", table.Schema);
            }

            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }
    }

    /// <summary>The expression of a check constraint from <c>pg_get_constraintdef</c>: <c>CHECK (a &gt; 0) NOT VALID</c> gives <c>a &gt; 0</c>.</summary>
    /// <param name="definition">The constraint's definition.</param>
    /// <returns>The expression.</returns>
    internal static string CheckExpression(string definition)
    {
        const string Prefix = "CHECK (";
        if (!definition.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return definition;
        }

        var depth = 1;
        var quoted = false;
        for (var i = Prefix.Length; i < definition.Length; i++)
        {
            var c = definition[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')' && --depth == 0)
            {
                return definition[Prefix.Length..i];
            }
        }

        return definition;
    }

    private static ReferentialAction Action(char code) => code switch
    {
        'r' => ReferentialAction.Restrict,
        'c' => ReferentialAction.Cascade,
        'n' => ReferentialAction.SetNull,
        'd' => ReferentialAction.SetDefault,
        _ => ReferentialAction.NoAction,
    };

    private static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static (string Schema, string Table, bool Current, ColumnSchema? Column) ReadColumn(DbDataReader r) => (
        r.GetString(0),
        r.GetString(1),
        r.GetBoolean(2),
        r.IsDBNull(3) ? null : new ColumnSchema(r.GetString(3), r.GetString(4))
        {
            IsNullable = !r.GetBoolean(5),
            DefaultSql = r.IsDBNull(6) ? null : PostgreSqlDefaultExpression.Normalize(r.GetString(6)),
            IsIdentity = r.GetBoolean(7),
            Collation = r.IsDBNull(8) ? null : r.GetString(8),
            GeneratedSql = r.IsDBNull(9) ? null : r.GetString(9),
            IsStored = r.GetBoolean(10),
        });

    private static Constraint ReadConstraint(DbDataReader r)
    {
        var type = r.GetChar(3);
        var columns = r.GetFieldValue<string[]>(4);
        var definition = r.GetString(11);
        return new Constraint(r.GetString(0), r.GetString(1), r.GetString(2), type, columns)
        {
            ForeignKey = type != 'f' ? null : new ForeignKeyDefinition(
                r.GetString(2),
                columns,
                new QualifiedName(r.GetString(6), r.GetBoolean(7) ? null : r.GetString(5)),
                r.GetFieldValue<string[]>(8))
            {
                OnDelete = Action(r.GetChar(9)),
                OnUpdate = Action(r.GetChar(10)),
            },
            CheckExpression = type == 'c' ? CheckExpression(definition) : null,
        };
    }

    private static (string Schema, string Table, IndexDefinition Index) ReadIndex(DbDataReader r)
    {
        var columns = r.GetFieldValue<string?[]>(5);
        var definitions = r.GetFieldValue<string[]>(6);
        var method = r.GetString(4);
        var options = r.GetFieldValue<string[]>(8);

        // The model lists the column keys, then the expression keys; each key's options follow it there.
        var ordered = options.Where((_, i) => columns[i] is not null).Concat(options.Where((_, i) => columns[i] is null)).ToArray();
        return (r.GetString(0), r.GetString(1), new IndexDefinition(r.GetString(2), columns.OfType<string>().ToArray())
        {
            IsUnique = r.GetBoolean(3),
            Method = method == "btree" ? null : method,
            Expressions = definitions.Where((_, i) => columns[i] is null).ToArray(),
            Filter = r.IsDBNull(7) ? null : r.GetString(7),
            KeyOptions = ordered.All(o => o.Length == 0) ? [] : ordered,
        });
    }

    /// <summary>A name read as (name, schema, is-current-schema) columns: without the schema in the session's current schema, as migrations name objects.</summary>
    private static QualifiedName Name(DbDataReader r, int name, int schema, int current) =>
        new(r.GetString(name), r.GetBoolean(current) ? null : r.GetString(schema));

    private static DomainSchema ReadDomain(DbDataReader r)
    {
        var names = r.GetFieldValue<string[]>(7);
        var definitions = r.GetFieldValue<string[]>(8);
        return new DomainSchema(Name(r, 1, 0, 2), r.GetString(3))
        {
            IsNullable = !r.GetBoolean(4),
            DefaultSql = r.IsDBNull(5) ? null : PostgreSqlDefaultExpression.Normalize(r.GetString(5)),
            Collation = r.IsDBNull(6) ? null : r.GetString(6),
            CheckConstraints = names.Select((name, i) => new CheckConstraintDefinition(name, CheckExpression(definitions[i]))).ToArray(),
        };
    }

    private static SequenceSchema ReadSequence(DbDataReader r) => new(Name(r, 1, 0, 2), r.GetString(3))
    {
        StartValue = r.GetInt64(4),
        Increment = r.GetInt64(5),
        MinValue = r.GetInt64(6),
        MaxValue = r.GetInt64(7),
        Cache = r.GetInt64(8),
        Cycles = r.GetBoolean(9),
        OwnedByTable = r.IsDBNull(11) ? null : Name(r, 11, 10, 12),
        OwnedByColumn = r.IsDBNull(13) ? null : r.GetString(13),
    };

    private ViewSchema ReadView(DbDataReader r)
    {
        var name = new QualifiedName(r.GetString(1), r.GetBoolean(2) ? null : r.GetString(0));
        return new ViewSchema(name, $"CREATE VIEW {_generator.Quote(name)} AS\n{r.GetString(3)}");
    }

    private sealed record Constraint(string Schema, string Table, string Name, char Type, string[] Columns)
    {
        public ForeignKeyDefinition? ForeignKey { get; init; }

        public string? CheckExpression { get; init; }
    }
}
