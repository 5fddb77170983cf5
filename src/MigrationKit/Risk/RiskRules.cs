using System.Globalization;
using MigrationKit.Inspection;
using MigrationKit.Operations;
using MigrationKit.Planning;
using MigrationKit.Statistics;

namespace MigrationKit.Risk;

/// <summary>
/// The catalogue of risk rules, MK101 to MK123, each documented in <c>docs/risk-rules.md</c>. A rule grades the
/// statement on this database: the rows of the table (empty is Low, from <see cref="RiskOptions.LargeTableRows"/> High),
/// the answers to its data checks, the server version; a table created earlier in the same plan is exempt.
/// </summary>
internal static class RiskRules
{
    private const int Int32Max = int.MaxValue;

    public static IReadOnlyList<RiskRule> All { get; } =
    [
        new("MK101", "index built without CONCURRENTLY", IndexWithoutConcurrently),
        new("MK102", "index dropped without CONCURRENTLY", DropIndexWithoutConcurrently),
        new("MK103", "column type change that rewrites the table", TypeChangeRewrite),
        new("MK104", "column added with a rewrite (volatile default, identity, stored generated)", AddColumnRewrite),
        new("MK105", "SET NOT NULL on an existing column", SetNotNull, c => c.Operation is AlterColumnOperation a && MakesNotNull(c, a) ? [c.Check(DataCheckKind.NullCount, a.Table, a.Column.Name)] : []),
        new("MK106", "NOT NULL column added without a default", NotNullWithoutDefault),
        new("MK107", "foreign key added without NOT VALID", ForeignKeyWithoutNotValid),
        new("MK108", "check constraint added without NOT VALID", CheckWithoutNotValid),
        new("MK109", "constraint validated in the transaction that added it", ValidateInSameTransaction),
        new("MK110", "unique constraint or unique index on existing rows", Unique, UniqueChecks),
        new("MK111", "primary key added to an existing table", PrimaryKey, PrimaryKeyChecks),
        new("MK112", "column dropped", DropColumn, c => c.Operation is DropColumnOperation d && !c.IsNew(d.Table) ? [c.Check(DataCheckKind.NonNullCount, d.Table, d.Column)] : []),
        new("MK113", "table dropped or truncated", DropTable),
        new("MK114", "schema dropped", DropSchema),
        new("MK115", "column renamed", RenameColumn),
        new("MK116", "table renamed", RenameTable),
        new("MK117", "32-bit key", ThirtyTwoBitKey, ThirtyTwoBitChecks),
        new("MK118", "no lock_timeout", MissingLockTimeout),
        new("MK119", "foreign key without an index on the referencing columns", ForeignKeyWithoutIndex),
        new("MK120", "several rewrites of one table in one migration", SeveralRewrites),
        new("MK121", "SQLite table rebuild", SqliteRebuild),
        new("MK122", "raw SQL whose effect is unknown", RawSqlUnknown),
        new("MK123", "whole-table data change in one transaction", WholeTableWrite),
    ];

    private static IEnumerable<RiskFinding> IndexWithoutConcurrently(RiskRuleContext c)
    {
        if (c.HasTableLocks && c.Operation is CreateIndexOperation { Concurrently: false } index && !c.IsNew(index.Table))
        {
            yield return Blocking(c, "MK101", index.Table, $"CREATE INDEX {index.Index.Name} without CONCURRENTLY holds a SHARE lock on {index.Table} for the whole build: every INSERT, UPDATE and DELETE on it waits",
                "build it with .Concurrently() in a migration with TransactionMode.None (CREATE INDEX CONCURRENTLY takes a SHARE UPDATE EXCLUSIVE lock and lets writes go on)");
        }

        foreach (var statement in c.RawStatements.Where(s => s.Kind == RawSqlKind.CreateIndexBlocking && s.Table is not null && !c.IsNew(s.Table)))
        {
            yield return Blocking(c, "MK101", statement.Table!, $"raw CREATE INDEX without CONCURRENTLY on {statement.Table} blocks writes to it for the whole build",
                "write CREATE INDEX CONCURRENTLY in a migration with TransactionMode.None");
        }
    }

    private static IEnumerable<RiskFinding> DropIndexWithoutConcurrently(RiskRuleContext c)
    {
        if (c.HasTableLocks && c.Operation is DropIndexOperation { Concurrently: false } drop && !c.IsNew(drop.Table))
        {
            var (level, fact) = c.Grade(drop.Table);
            yield return c.Finding("MK102", Min(level, RiskLevel.Medium), $"DROP INDEX {drop.Name} without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on {drop.Table}: quick once granted, but it queues behind any open transaction on the table and blocks all reads and writes queued after it; {fact}", drop.Table,
                "drop it with concurrently: true in a migration with TransactionMode.None (DROP INDEX CONCURRENTLY)");
        }
    }

    private static IEnumerable<RiskFinding> TypeChangeRewrite(RiskRuleContext c)
    {
        if (c.Operation is AlterColumnOperation alter && !c.IsNew(alter.Table) && c.HasTableLocks && c.Commands.Any(m => m.RewritesTable))
        {
            var from = c.SchemaBefore.FindTable(alter.Table)?.FindColumn(alter.Column.Name)?.StoreType ?? "its current type";
            yield return Blocking(c, "MK103", alter.Table, $"changing {alter.Table}.{alter.Column.Name} from {from} to {alter.Column.Type} rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock: no reads or writes until it ends",
                "add a new column of the new type, backfill it in batches, switch readers and writers, then drop the old column (only widening varchar(n) or changing varchar to text needs no rewrite)");
        }
    }

    private static IEnumerable<RiskFinding> AddColumnRewrite(RiskRuleContext c)
    {
        if (c.HasTableLocks && c.Operation is AddColumnOperation add && !c.IsNew(add.Table))
        {
            var column = add.Column;
            var why = column.IsIdentity ? "an identity column fills every existing row"
                : column.Default?.Expression is { Text: { } text } && IsVolatile(text) ? $"the default {text} is volatile, so it is computed for every existing row"
                : column.Default is not null && c.Statistics?.ServerMajorVersion is < 11 ? $"before PostgreSQL 11 any default is written into every row (this server is {c.Statistics.ServerVersion})"
                : null;
            if (why is not null)
            {
                yield return Blocking(c, "MK104", add.Table, $"adding {add.Table}.{column.Name} rewrites the table under an ACCESS EXCLUSIVE lock: {why}",
                    "add the column without the default (or as nullable), backfill it in batches, then set the default; from PostgreSQL 11 a constant or stable default is metadata only");
            }
        }

        foreach (var statement in c.RawStatements.Where(s => s.Kind == RawSqlKind.AddStoredGeneratedColumn && s.Table is not null && !c.IsNew(s.Table)))
        {
            yield return Blocking(c, "MK104", statement.Table!, $"adding a stored generated column to {statement.Table} computes it for every row, rewriting the table under an ACCESS EXCLUSIVE lock",
                "add a plain nullable column, backfill it in batches and keep it current with a trigger, or compute it in a view");
        }
    }

    private static IEnumerable<RiskFinding> SetNotNull(RiskRuleContext c)
    {
        if (c.Operation is not AlterColumnOperation alter || !MakesNotNull(c, alter))
        {
            yield break;
        }

        var nulls = c.CheckValue(DataCheckKind.NullCount, alter.Table, alter.Column.Name);
        if (nulls > 0)
        {
            yield return c.Finding("MK105", RiskLevel.Critical, string.Create(CultureInfo.InvariantCulture, $"{nulls:N0} row(s) of {alter.Table} hold NULL in {alter.Column.Name}: making it NOT NULL will fail"), alter.Table,
                "backfill the NULLs first (in batches), then make the column NOT NULL");
        }
        else if (c.HasTableLocks)
        {
            var checkedText = nulls == 0 ? "no row holds NULL now, but " : string.Empty;
            yield return Blocking(c, "MK105", alter.Table, $"{checkedText}SET NOT NULL on {alter.Table}.{alter.Column.Name} scans every row under an ACCESS EXCLUSIVE lock",
                "add CHECK (column IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL (PostgreSQL 12+ then skips the scan) and drop the check");
        }
    }

    private static IEnumerable<RiskFinding> NotNullWithoutDefault(RiskRuleContext c)
    {
        if (c.Operation is AddColumnOperation { Column: { IsNullable: false, Default: null, IsIdentity: false } column } add && !c.IsNew(add.Table))
        {
            var rows = c.RowsOf(add.Table);
            var alternative = "add it nullable (or with a default), backfill, then make it NOT NULL";
            if (rows is null)
            {
                yield return c.Finding("MK106", RiskLevel.High, $"adding NOT NULL column {add.Table}.{column.Name} without a default fails if the table has any row, and its rows are unknown (no live statistics)", add.Table, alternative);
            }
            else if (rows > 0)
            {
                yield return c.Finding("MK106", RiskLevel.Critical, string.Create(CultureInfo.InvariantCulture, $"adding NOT NULL column {add.Table}.{column.Name} without a default will fail: {add.Table} has {rows:N0} row(s), which would get NULL"), add.Table, alternative);
            }
            else
            {
                yield return c.Finding("MK106", RiskLevel.Low, $"adding NOT NULL column {add.Table}.{column.Name} without a default works only because {add.Table} is empty now; it fails once a row exists", add.Table, alternative);
            }
        }
    }

    private static IEnumerable<RiskFinding> ForeignKeyWithoutNotValid(RiskRuleContext c)
    {
        if (c.HasTableLocks && c.Operation is AddForeignKeyOperation { NotValid: false } add && !c.IsNew(add.Table))
        {
            yield return Blocking(c, "MK107", add.Table, $"adding foreign key {add.ForeignKey.Name} checks every row of {add.Table} while holding SHARE ROW EXCLUSIVE locks on {add.Table} and {add.ForeignKey.PrincipalTable}: writes to both wait",
                "add it with notValid: true, then ValidateConstraint in a later migration (VALIDATE takes a SHARE UPDATE EXCLUSIVE lock and lets writes go on)");
        }
    }

    private static IEnumerable<RiskFinding> CheckWithoutNotValid(RiskRuleContext c)
    {
        if (c.HasTableLocks && c.Operation is AddCheckConstraintOperation { NotValid: false } add && !c.IsNew(add.Table))
        {
            yield return Blocking(c, "MK108", add.Table, $"adding check {add.Constraint.Name} scans every row of {add.Table} under an ACCESS EXCLUSIVE lock",
                "add it with notValid: true, then ValidateConstraint in a later migration");
        }
    }

    private static IEnumerable<RiskFinding> ValidateInSameTransaction(RiskRuleContext c)
    {
        if (c.Operation is ValidateConstraintOperation validate && c.Step.Transactional
            && c.StepOperations.Any(o => o is AddForeignKeyOperation { NotValid: true } f && f.ForeignKey.Name == validate.Name || o is AddCheckConstraintOperation { NotValid: true } k && k.Constraint.Name == validate.Name))
        {
            var (level, fact) = c.IsNew(validate.Table) ? (RiskLevel.Low, "the table is new in this plan") : c.Grade(validate.Table);
            yield return c.Finding("MK109", Max(level, RiskLevel.Medium), $"{validate.Name} is added NOT VALID and validated in the same transaction: the strong lock taken by the add is held through the validation scan, so NOT VALID buys nothing; {fact}", validate.Table,
                "validate it in a later migration, in its own transaction");
        }
    }

    private static IEnumerable<DataCheck> UniqueChecks(RiskRuleContext c) => UniqueKey(c) is { } key && !c.IsNew(key.Table)
        ? [c.Check(DataCheckKind.DuplicateCount, key.Table, [.. key.Columns])]
        : [];

    private static IEnumerable<RiskFinding> Unique(RiskRuleContext c)
    {
        if (UniqueKey(c) is not { } key || c.IsNew(key.Table))
        {
            yield break;
        }

        var duplicates = c.CheckValue(DataCheckKind.DuplicateCount, key.Table, [.. key.Columns]);
        var columns = string.Join(", ", key.Columns);
        if (duplicates > 0)
        {
            yield return c.Finding("MK110", RiskLevel.Critical, string.Create(CultureInfo.InvariantCulture, $"{duplicates:N0} value(s) of ({columns}) occur more than once in {key.Table}: the unique {key.What} will fail"), key.Table,
                "remove or merge the duplicates first, then add it");
        }
        else if (c.HasTableLocks && c.Operation is AddUniqueConstraintOperation)
        {
            yield return Blocking(c, "MK110", key.Table, $"adding a unique constraint on {key.Table}({columns}) builds its index under an ACCESS EXCLUSIVE lock",
                "CREATE UNIQUE INDEX CONCURRENTLY first, then ALTER TABLE … ADD CONSTRAINT … UNIQUE USING INDEX");
        }
    }

    private static IEnumerable<DataCheck> PrimaryKeyChecks(RiskRuleContext c) => c.Operation is AddPrimaryKeyOperation add && !c.IsNew(add.Table)
        ? [c.Check(DataCheckKind.NullCount, add.Table, [.. add.PrimaryKey.Columns]), c.Check(DataCheckKind.DuplicateCount, add.Table, [.. add.PrimaryKey.Columns])]
        : [];

    private static IEnumerable<RiskFinding> PrimaryKey(RiskRuleContext c)
    {
        if (c.Operation is not AddPrimaryKeyOperation add || c.IsNew(add.Table))
        {
            yield break;
        }

        var columns = add.PrimaryKey.Columns.ToArray();
        var nulls = c.CheckValue(DataCheckKind.NullCount, add.Table, columns);
        var duplicates = c.CheckValue(DataCheckKind.DuplicateCount, add.Table, columns);
        if (nulls > 0 || duplicates > 0)
        {
            yield return c.Finding("MK111", RiskLevel.Critical, string.Create(CultureInfo.InvariantCulture, $"the primary key on {add.Table}({string.Join(", ", columns)}) will fail: {nulls ?? 0:N0} row(s) hold NULL and {duplicates ?? 0:N0} value(s) are duplicated"), add.Table,
                "fix the NULLs and duplicates first");
            yield break;
        }

        yield return Blocking(c, "MK111", add.Table, c.HasTableLocks
                ? $"adding a primary key to existing table {add.Table} builds a unique index and checks NOT NULL under an ACCESS EXCLUSIVE lock"
                : $"adding a primary key to existing table {add.Table} rebuilds it",
            "CREATE UNIQUE INDEX CONCURRENTLY on the key columns, then ADD CONSTRAINT … PRIMARY KEY USING INDEX");
    }

    private static IEnumerable<RiskFinding> DropColumn(RiskRuleContext c)
    {
        if (c.Operation is not DropColumnOperation drop || c.IsNew(drop.Table))
        {
            yield break;
        }

        var values = c.CheckValue(DataCheckKind.NonNullCount, drop.Table, drop.Column);
        const string alternative = "stop reading and writing the column in a release first, take a checkpoint, then drop it";
        if (values == 0)
        {
            yield return c.Finding("MK112", RiskLevel.Low, $"dropping {drop.Table}.{drop.Column} destroys no value (no row holds one), but clients still reading it fail", drop.Table, alternative);
        }
        else
        {
            var what = values is null ? "the values it holds (not counted)" : string.Create(CultureInfo.InvariantCulture, $"the {values:N0} value(s) it holds");
            yield return c.Finding("MK112", RiskLevel.High, $"dropping {drop.Table}.{drop.Column} destroys {what}, and clients still reading it fail", drop.Table, alternative);
        }
    }

    private static IEnumerable<RiskFinding> DropTable(RiskRuleContext c)
    {
        var tables = c.Operation is DropTableOperation drop ? [drop.Table] : c.RawStatements.Where(s => s.Kind == RawSqlKind.DropTable && s.Table is not null).Select(s => s.Table!).ToArray();
        foreach (var table in tables.Where(t => !c.IsNew(t)))
        {
            var rows = c.RowsOf(table);
            const string alternative = "rename it aside (or revoke access) for a release, take a checkpoint, then drop it";
            yield return rows == 0
                ? c.Finding("MK113", RiskLevel.Low, $"{table} is dropped, but it is empty", table, alternative)
                : c.Finding("MK113", RiskLevel.High, rows is null ? $"dropping {table} destroys its rows (not counted)" : string.Create(CultureInfo.InvariantCulture, $"dropping {table} destroys its {rows:N0} row(s)"), table, alternative);
        }
    }

    private static IEnumerable<RiskFinding> DropSchema(RiskRuleContext c)
    {
        if (c.Operation is DropSchemaOperation drop)
        {
            var tables = c.SchemaBefore.Tables.Count(t => t.Name.Schema == drop.Name);
            yield return c.Finding("MK114", tables == 0 ? RiskLevel.Medium : RiskLevel.High, string.Create(CultureInfo.InvariantCulture, $"dropping schema {drop.Name} removes everything in it ({tables} table(s) known to the schema model)"), null,
                "drop its objects one by one in earlier migrations, with a checkpoint");
        }
    }

    private static IEnumerable<RiskFinding> RenameColumn(RiskRuleContext c)
    {
        if (c.Operation is RenameColumnOperation rename && !c.IsNew(rename.Table))
        {
            yield return c.Finding("MK115", RiskLevel.Medium, $"renaming {rename.Table}.{rename.Column} to {rename.NewName} breaks every running client that still uses the old name until it is redeployed", rename.Table,
                "add the new column, write both, backfill, move readers, then drop the old one (or expose the new name through a view)");
        }
    }

    private static IEnumerable<RiskFinding> RenameTable(RiskRuleContext c)
    {
        if (c.Operation is RenameTableOperation rename && !c.IsNew(rename.Table))
        {
            yield return c.Finding("MK116", RiskLevel.Medium, $"renaming {rename.Table} to {rename.NewName} breaks every running client that still uses the old name until it is redeployed", rename.Table,
                "create the new table name as a view over the old one (or the reverse) while clients move");
        }
    }

    private static IEnumerable<DataCheck> ThirtyTwoBitChecks(RiskRuleContext c) =>
        c.Commands.SelectMany(m => m.Tables).Distinct().Where(t => c.HasTableLocks && !c.IsNew(t) && Int32Key(c.SchemaBefore, t) is not null)
            .Select(t => c.Check(DataCheckKind.MaxValue, t, Int32Key(c.SchemaBefore, t)!));

    private static IEnumerable<RiskFinding> ThirtyTwoBitKey(RiskRuleContext c)
    {
        if (c.Operation is CreateTableOperation create && create.PrimaryKey is { Columns.Count: 1 } key
            && create.Columns.FirstOrDefault(k => k.Name == key.Columns[0]) is { Type.Kind: ColumnTypeKind.Int32 or ColumnTypeKind.Int16 } column && c.HasTableLocks)
        {
            yield return c.Finding("MK117", RiskLevel.Medium, $"{create.Table}.{column.Name} is a {column.Type} primary key: it runs out at {(column.Type.Kind == ColumnTypeKind.Int16 ? short.MaxValue : Int32Max):N0}, and widening it later rewrites the table and every referencing one", create.Table,
                "use a 64-bit key (AsInt64) from the start");
        }

        // SQLite's INTEGER is 64-bit: the 32-bit check is for databases with sized integer types.
        foreach (var table in c.Commands.SelectMany(m => m.Tables).Distinct().Where(t => c.HasTableLocks && !c.IsNew(t)))
        {
            if (Int32Key(c.SchemaBefore, table) is { } keyColumn && c.CheckValue(DataCheckKind.MaxValue, table, keyColumn) is { } max && max >= Int32Max / 2)
            {
                var used = (double)max / Int32Max;
                yield return c.Finding("MK117", used >= 0.9 ? RiskLevel.Critical : RiskLevel.High, string.Create(CultureInfo.InvariantCulture, $"{table}.{keyColumn} is a 32-bit key already at {max:N0}, {used:P0} of its range: inserts fail when it reaches {Int32Max:N0}"), table,
                    "move the key to bigint (a new column, backfilled in batches, then swapped) before it runs out");
            }
        }
    }

    private static IEnumerable<RiskFinding> MissingLockTimeout(RiskRuleContext c)
    {
        // Once per step: on its first operation that takes a strong lock on an existing table.
        var strong = StrongLockTables(c).FirstOrDefault();
        if (c.HasTableLocks && c.LockTimeout is null && strong is not null && c.IsFirstStrongLock)
        {
            var (level, fact) = c.Grade(strong);
            yield return c.Finding("MK118", Max(Min(level, RiskLevel.High), RiskLevel.Medium), $"no lock_timeout is set for this migration: if a long transaction holds {strong}, the ACCESS EXCLUSIVE request waits in the lock queue and every query on {strong} queues behind it; {fact}", strong,
                "set PostgreSqlMigrationOptions.LockTimeout (or the migration's LockTimeout) to a few seconds; the runner retries on lock timeouts");
        }

        foreach (var statement in c.RawStatements.Where(s => s.Kind == RawSqlKind.DisablesLockTimeout))
        {
            yield return c.Finding("MK118", RiskLevel.High, $"the raw statement '{statement.Text}' switches lock_timeout off for the rest of the migration", null,
                "remove it; raise the migration's LockTimeout instead if a statement needs longer");
        }
    }

    private static IEnumerable<RiskFinding> ForeignKeyWithoutIndex(RiskRuleContext c)
    {
        var keys = c.Operation switch
        {
            AddForeignKeyOperation add => [(add.Table, add.ForeignKey)],
            CreateTableOperation create => create.ForeignKeys.Select(f => (create.Table, f)).ToArray(),
            _ => Array.Empty<(QualifiedName, ForeignKeyDefinition)>(),
        };
        foreach (var (table, foreignKey) in keys)
        {
            var final = c.SchemaAfterPlan.FindTable(table);
            if (final is null || Covered(final, foreignKey.Columns))
            {
                continue;
            }

            var principalRows = c.RowsOf(foreignKey.PrincipalTable) ?? 0;
            var rows = c.IsNew(table) || c.Operation is CreateTableOperation ? 0 : c.RowsOf(table) ?? 0;
            var level = Math.Max(principalRows, rows) >= c.Options.MediumTableRows ? RiskLevel.Medium : RiskLevel.Low;
            yield return c.Finding("MK119", level, $"no index on {table}({string.Join(", ", foreignKey.Columns)}) backs foreign key {foreignKey.Name}: every delete or key update on {foreignKey.PrincipalTable} scans {table}, and joins on it scan too", table,
                $"create an index on {table}({string.Join(", ", foreignKey.Columns)}) (CONCURRENTLY on a large table)");
        }
    }

    private static IEnumerable<RiskFinding> SeveralRewrites(RiskRuleContext c)
    {
        // Reported once, on the second operation of the step that rewrites the same table.
        var mine = c.Commands.Where(m => m.RewritesTable).SelectMany(m => m.Tables.Take(1)).Distinct().Where(t => !c.IsNew(t));
        foreach (var table in mine)
        {
            var index = IndexOf(c.StepOperations, c.Operation);
            var earlier = c.StepOperations.Take(index).Count(o => Rewrites(o, table, c));
            if (earlier == 1)
            {
                var total = c.StepOperations.Count(o => Rewrites(o, table, c));
                yield return Blocking(c, "MK120", table, string.Create(CultureInfo.InvariantCulture, $"{table} is rewritten {total} times in this migration: each rewrite copies the whole table again"),
                    "combine the changes into one ALTER (or one rebuild), or split them across releases");
            }
        }
    }

    private static IEnumerable<RiskFinding> SqliteRebuild(RiskRuleContext c)
    {
        if (c.HasTableLocks)
        {
            yield break;
        }

        foreach (var table in c.Commands.Where(m => m.RewritesTable).SelectMany(m => m.Tables.Take(1)).Distinct().Where(t => !c.IsNew(t)))
        {
            yield return Blocking(c, "MK121", table, $"{c.Operation.Describe()} rebuilds {table} on SQLite: a full copy of the table into a new one under the database's write lock, so every writer waits",
                "group changes to the table into one migration so it is rebuilt once, and run it at a quiet time");
        }
    }

    private static IEnumerable<RiskFinding> RawSqlUnknown(RiskRuleContext c)
    {
        foreach (var statement in c.RawStatements.Where(s => s.Kind is RawSqlKind.Unknown or RawSqlKind.AlterTable))
        {
            if (statement.Table is { } table && !c.IsNew(table))
            {
                var (level, fact) = c.Grade(table);
                yield return c.Finding("MK122", Max(level, RiskLevel.Medium), $"raw ALTER TABLE on {table} takes an ACCESS EXCLUSIVE lock; its cost is unknown (effect unknown to MigrationKit); {fact}: '{Short(statement.Text)}'", table,
                    "express it with the migration builder so it can be graded, or test it on a copy of production");
            }
            else if (statement.Kind == RawSqlKind.Unknown)
            {
                yield return c.Finding("MK122", RiskLevel.Medium, $"raw SQL with effect unknown: '{Short(statement.Text)}'", null,
                    "express it with the migration builder so it can be graded, or test it on a copy of production");
            }
        }
    }

    private static IEnumerable<RiskFinding> WholeTableWrite(RiskRuleContext c)
    {
        foreach (var statement in c.RawStatements.Where(s => s.Kind == RawSqlKind.WholeTableWrite && s.Table is not null && !c.IsNew(s.Table)))
        {
            yield return Blocking(c, "MK123", statement.Table!, $"'{Short(statement.Text)}' changes every row of {statement.Table} in one transaction: every row stays locked until commit, and the table bloats",
                "backfill in batches of a few thousand rows, each in its own transaction (MigrationKit.Data moves), outside the schema migration");
        }
    }

    // ---- helpers ----

    private static RiskFinding Blocking(RiskRuleContext c, string id, QualifiedName table, string what, string alternative)
    {
        var (level, fact) = c.Grade(table);
        return c.Finding(id, level, $"{what}; {fact}", table, alternative);
    }

    private static bool MakesNotNull(RiskRuleContext c, AlterColumnOperation alter) =>
        !alter.Column.IsNullable && !c.IsNew(alter.Table) && c.SchemaBefore.FindTable(alter.Table)?.FindColumn(alter.Column.Name) is { IsNullable: true };

    private static (QualifiedName Table, IReadOnlyList<string> Columns, string What)? UniqueKey(RiskRuleContext c) => c.Operation switch
    {
        AddUniqueConstraintOperation add => (add.Table, add.Constraint.Columns, "constraint"),
        CreateIndexOperation { Index: { IsUnique: true, Filter: null, Expressions.Count: 0 } index } create => (create.Table, index.Columns, "index"),
        _ => null,
    };

    private static string? Int32Key(DatabaseSchema schema, QualifiedName table) =>
        schema.FindTable(table) is { PrimaryKey.Columns.Count: 1 } found && found.FindColumn(found.PrimaryKey!.Columns[0]) is { } column
            && (string.Equals(column.StoreType, "integer", StringComparison.OrdinalIgnoreCase) || string.Equals(column.StoreType, "int4", StringComparison.OrdinalIgnoreCase))
            ? column.Name
            : null;

    private static bool Covered(TableSchema table, IReadOnlyList<string> columns)
    {
        bool Leads(IReadOnlyList<string> indexed) => indexed.Count >= columns.Count && indexed.Take(columns.Count).SequenceEqual(columns);
        return (table.PrimaryKey is { } key && Leads(key.Columns))
            || table.UniqueConstraints.Any(u => Leads(u.Columns))
            || table.Indexes.Any(i => i.Filter is null && Leads(i.Columns));
    }

    private static IEnumerable<QualifiedName> StrongLockTables(RiskRuleContext c) =>
        c.Commands.Where(m => m.LockLevel >= MigrationLockLevel.Share).SelectMany(m => m.Tables).Where(t => !c.IsNew(t));

    private static bool Rewrites(MigrationOperation operation, QualifiedName table, RiskRuleContext c) =>
        operation.Accept(TablesTouched.Instance).FirstOrDefault() == table && (ReferenceEquals(operation, c.Operation)
            ? c.Commands.Any(m => m.RewritesTable)
            : c.RewritingOperations.Contains(operation));

    private static int IndexOf(IReadOnlyList<MigrationOperation> operations, MigrationOperation operation)
    {
        for (var i = 0; i < operations.Count; i++)
        {
            if (ReferenceEquals(operations[i], operation))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsVolatile(string expression) =>
        new[] { "random(", "gen_random_uuid(", "uuid_generate", "clock_timestamp(", "timeofday(", "nextval(", "txid_current(" }
            .Any(f => expression.Contains(f, StringComparison.OrdinalIgnoreCase));

    private static string Short(string text) => text.Length > 80 ? text[..80] + "…" : text;

    private static RiskLevel Min(RiskLevel a, RiskLevel b) => a < b ? a : b;

    private static RiskLevel Max(RiskLevel a, RiskLevel b) => a > b ? a : b;
}
