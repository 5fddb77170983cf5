using Microsoft.Data.Sqlite;
using MigrationKit.Operations;

namespace MigrationKit.Sqlite.Tests.Providers.RebuildPreservation;

/// <summary>
/// For every feature of SQLite's <c>CREATE TABLE</c> and <c>CREATE INDEX</c> grammar: a table that uses it is rebuilt by
/// a change to another column (nullable TEXT to NOT NULL with a default), then changed back. After Up only the target
/// column's text changed; after Down every <c>sqlite_schema</c> text is the original; the schema read back is the
/// predicted one at each step; and the behaviour probes give the same answers before, after Up and after Down.
/// </summary>
public sealed class SqliteRebuildCorpusTests
{
    private const string Parent = "CREATE TABLE p(id INTEGER PRIMARY KEY, code TEXT UNIQUE); INSERT INTO p VALUES (1, 'a'), (2, 'b');";

    public static IEnumerable<SqliteGrammarCase> Corpus()
    {
        yield return new("column PRIMARY KEY ASC with ON CONFLICT REPLACE",
            "CREATE TABLE t(id INTEGER PRIMARY KEY ASC ON CONFLICT REPLACE, note TEXT); INSERT INTO t VALUES (1, 'a');",
            "t", "note", "note TEXT",
            "INSERT INTO t VALUES (1, 'replaced'); SELECT group_concat(id || note) FROM t");
        yield return new("column PRIMARY KEY DESC (INTEGER PRIMARY KEY DESC is not a rowid alias)",
            "CREATE TABLE t(id INTEGER PRIMARY KEY DESC, note TEXT); INSERT INTO t VALUES (1, 'a');",
            "t", "note", "note TEXT",
            "INSERT INTO t VALUES ('x', 'b'); SELECT group_concat(typeof(id)) FROM t",
            "SELECT \"desc\" FROM pragma_index_xinfo((SELECT name FROM pragma_index_list('t') WHERE origin = 'pk')) WHERE cid >= 0");
        yield return new("column PRIMARY KEY AUTOINCREMENT",
            "CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT); INSERT INTO t (note) VALUES ('a'), ('b'), ('c'); DELETE FROM t WHERE id = 3;",
            "t", "note", "note TEXT",
            "INSERT INTO t (note) VALUES ('d'); SELECT max(id) FROM t",
            "SELECT seq FROM sqlite_sequence WHERE name = 't'");
        yield return new("NOT NULL ON CONFLICT IGNORE",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL ON CONFLICT IGNORE, note TEXT); INSERT INTO t VALUES (1, 'a', 'n');",
            "t", "note", "note TEXT",
            "INSERT INTO t (id, name) VALUES (2, NULL); SELECT COUNT(*) FROM t");
        yield return new("explicit NULL constraint",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NULL, note TEXT); INSERT INTO t VALUES (1, NULL, 'n');",
            "t", "note", "note TEXT",
            "SELECT \"notnull\" FROM pragma_table_info('t') WHERE name = 'name'");
        yield return new("UNIQUE ON CONFLICT REPLACE",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, code TEXT UNIQUE ON CONFLICT REPLACE, note TEXT); INSERT INTO t VALUES (1, 'a', 'n');",
            "t", "note", "note TEXT",
            "INSERT INTO t VALUES (2, 'a', 'm'); SELECT group_concat(id) FROM t");
        yield return new("named and unnamed column CHECK",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, qty INT CONSTRAINT positive CHECK (qty > 0), size INT CHECK(size < 10), note TEXT); INSERT INTO t VALUES (1, 1, 1, 'n');",
            "t", "note", "note TEXT",
            "INSERT INTO t VALUES (2, 0, 1, 'm'); SELECT 1",
            "INSERT INTO t VALUES (3, 1, 10, 'm'); SELECT 1");
        yield return new("DEFAULT literal, signed numbers, expression, keyword, blob",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT DEFAULT 'it''s', b INT DEFAULT -5, c REAL DEFAULT +1.5, d INT DEFAULT (2 * 3), e TEXT DEFAULT CURRENT_DATE, f BLOB DEFAULT X'00FF', g TEXT DEFAULT NULL, h INT DEFAULT TRUE, note TEXT);",
            "t", "note", "note TEXT",
            "INSERT INTO t (id, note) VALUES (1, 'n'); SELECT a || '|' || b || '|' || c || '|' || d || '|' || typeof(e) || '|' || hex(f) || '|' || ifnull(g, 'null') || '|' || h FROM t");
        yield return new("COLLATE on a column (NOCASE, RTRIM, BINARY)",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE UNIQUE, tag TEXT COLLATE RTRIM, code TEXT COLLATE BINARY, note TEXT); INSERT INTO t VALUES (1, 'alice', 'x', 'K', 'n');",
            "t", "note", "note TEXT",
            "SELECT COUNT(*) FROM t WHERE name = 'ALICE'",
            "INSERT INTO t (id, name) VALUES (2, 'ALICE'); SELECT 1",
            "SELECT COUNT(*) FROM t WHERE tag = 'x   '",
            "SELECT COUNT(*) FROM t WHERE code = 'k'");
        yield return new("REFERENCES with actions, MATCH and DEFERRABLE",
            Parent + "CREATE TABLE t(id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p(id) ON DELETE CASCADE ON UPDATE NO ACTION MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED, code TEXT CONSTRAINT fk_code REFERENCES p (code) ON UPDATE SET NULL NOT DEFERRABLE, note TEXT); INSERT INTO t VALUES (1, 1, 'a', 'n');",
            "t", "note", "note TEXT",
            "SELECT group_concat(\"table\" || '.' || \"from\" || '>' || \"to\" || ' ' || on_update || ' ' || on_delete || ' ' || \"match\", '; ') FROM pragma_foreign_key_list('t')");
        yield return new("REFERENCES without column list, ON DELETE NO ACTION written out",
            Parent + "CREATE TABLE t(id INTEGER PRIMARY KEY, pid INTEGER REFERENCES p ON DELETE NO ACTION ON UPDATE NO ACTION, note TEXT); INSERT INTO t VALUES (1, 2, 'n');",
            "t", "note", "note TEXT",
            "SELECT group_concat(\"table\" || ' ' || ifnull(\"to\", '(pk)') || ' ' || on_delete, '; ') FROM pragma_foreign_key_list('t')");
        yield return new("GENERATED ALWAYS AS VIRTUAL and AS STORED",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, price REAL, twice REAL GENERATED ALWAYS AS (price * 2) VIRTUAL, taxed REAL AS (round(price * 1.2, 2)) STORED, plain INT AS (id + 1), note TEXT); INSERT INTO t (id, price, note) VALUES (1, 10, 'n');",
            "t", "note", "note TEXT",
            "SELECT twice || '|' || taxed || '|' || plain FROM t",
            "SELECT group_concat(name || ':' || hidden) FROM pragma_table_xinfo('t') WHERE hidden > 0",
            "UPDATE t SET price = 20; SELECT twice || '|' || taxed FROM t");
        yield return new("table constraints named and unnamed, with conflict clauses",
            Parent + "CREATE TABLE t(a INT, b INT, c TEXT, d TEXT, note TEXT, CONSTRAINT pk_ab PRIMARY KEY (a, b) ON CONFLICT ROLLBACK, UNIQUE (c), CONSTRAINT uq_d UNIQUE (d COLLATE NOCASE) ON CONFLICT IGNORE, CHECK (a < 100), CONSTRAINT ck_b CHECK (b >= 0), FOREIGN KEY (c) REFERENCES p (code) ON DELETE SET NULL, CONSTRAINT fk_d FOREIGN KEY (d) REFERENCES p (code) ON UPDATE CASCADE); INSERT INTO t VALUES (1, 1, 'a', 'a', 'n');",
            "t", "note", "note TEXT",
            "INSERT INTO t VALUES (2, 2, 'b', 'A', 'm'); SELECT COUNT(*) FROM t",
            "INSERT INTO t VALUES (100, 2, NULL, NULL, 'm'); SELECT 1",
            "SELECT group_concat(\"from\" || ' ' || on_update || ' ' || on_delete, '; ') FROM pragma_foreign_key_list('t')");
        yield return new("STRICT",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, n INT, r REAL, any_value ANY, note TEXT) STRICT; INSERT INTO t VALUES (1, 1, 1.5, 'x', 'n');",
            "t", "note", "note TEXT",
            "INSERT INTO t VALUES (2, 'abc', 1, 1, 'm'); SELECT 1",
            "INSERT INTO t VALUES (3, '7', 1, '7', 'm'); SELECT typeof(n) || typeof(any_value) FROM t WHERE id = 3",
            "SELECT strict FROM pragma_table_list WHERE name = 't'");
        yield return new("WITHOUT ROWID",
            "CREATE TABLE t(k TEXT PRIMARY KEY, v INT, note TEXT) WITHOUT ROWID; INSERT INTO t VALUES ('a', 1, 'n');",
            "t", "note", "note TEXT",
            "SELECT wr FROM pragma_table_list WHERE name = 't'",
            "SELECT rowid FROM t",
            "INSERT INTO t VALUES (NULL, 2, 'm'); SELECT 1");
        yield return new("WITHOUT ROWID, STRICT (lower case, both options)",
            "CREATE TABLE t(k INT, j TEXT, note TEXT, PRIMARY KEY (k DESC, j)) without rowid, strict; INSERT INTO t VALUES (1, 'a', 'n');",
            "t", "note", "note TEXT",
            "SELECT wr || strict FROM pragma_table_list WHERE name = 't'",
            "INSERT INTO t VALUES ('x', 'b', 'm'); SELECT 1");
        yield return new("quoted identifiers with odd characters",
            "CREATE TABLE \"odd \"\"t\"\" [x]\"(\"id\" INTEGER PRIMARY KEY, [we,ird (col)] TEXT COLLATE NOCASE, `back``tick` INT DEFAULT 1, 'single' TEXT, \"my note\" TEXT); INSERT INTO \"odd \"\"t\"\" [x]\" VALUES (1, 'A', 2, 's', 'n');",
            "odd \"t\" [x]", "my note", "\"my note\" TEXT",
            "SELECT COUNT(*) FROM \"odd \"\"t\"\" [x]\" WHERE [we,ird (col)] = 'a'",
            "SELECT group_concat(name, '|') FROM pragma_table_info('odd \"t\" [x]')");
        yield return new("column without a type, type with arguments, comments",
            "CREATE TABLE t( -- the table\n  id INTEGER PRIMARY KEY, /* no type: */ x, name VARCHAR(20), price DECIMAL(10, 2), big UNSIGNED BIG INT,\n  note TEXT -- last\n); INSERT INTO t VALUES (1, 'x', 'n', 1.5, 2, 'n');",
            "t", "note", "note TEXT",
            "SELECT group_concat(name || ':' || type, '|') FROM pragma_table_info('t')",
            "SELECT typeof(x) || typeof(price) FROM t");
        yield return new("CREATE INDEX unique, partial, expression, DESC, COLLATE",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, code TEXT, name TEXT, note TEXT); INSERT INTO t VALUES (1, 'a', 'Ann', 'n');\n"
            + "CREATE UNIQUE INDEX ix_code ON t(code DESC);\n"
            + "CREATE INDEX ix_name ON t (name COLLATE NOCASE ASC, id DESC) WHERE name IS NOT NULL;\n"
            + "CREATE UNIQUE INDEX \"ix lower\" ON t(lower(name) COLLATE NOCASE DESC) WHERE id > 0;",
            "t", "note", "note TEXT",
            "INSERT INTO t VALUES (2, 'a', 'Bob', 'm'); SELECT 1",
            "INSERT INTO t VALUES (3, 'c', 'ANN', 'm'); SELECT 1",
            "SELECT group_concat(name || ':' || \"desc\" || ':' || ifnull(coll, '') || ':' || key, '|') FROM (SELECT l.name AS iname, x.* FROM pragma_index_list('t') AS l JOIN pragma_index_xinfo(l.name) AS x ORDER BY l.name, x.seqno)",
            "SELECT group_concat(name || ':' || partial, '|') FROM (SELECT name, partial FROM pragma_index_list('t') ORDER BY name)");
        yield return new("triggers and views that depend on the table",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, qty INT, note TEXT); CREATE TABLE log(line TEXT); INSERT INTO t VALUES (1, 1, 'n');\n"
            + "CREATE TRIGGER t_audit AFTER UPDATE OF qty ON t BEGIN INSERT INTO log VALUES ('qty ' || OLD.qty || '>' || NEW.qty); END;\n"
            + "CREATE TRIGGER log_count AFTER INSERT ON log BEGIN UPDATE t SET note = note WHERE id = (SELECT max(id) FROM t); END;\n"
            + "CREATE VIEW v AS SELECT id, qty * 2 AS doubled FROM t;\n"
            + "CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN INSERT INTO t (id, qty, note) VALUES (NEW.id, NEW.doubled / 2, 'via view'); END;",
            "t", "note", "note TEXT",
            "UPDATE t SET qty = 5 WHERE id = 1; SELECT group_concat(line) FROM log",
            "SELECT group_concat(doubled) FROM v",
            "INSERT INTO v (id, doubled) VALUES (9, 8); SELECT qty || note FROM t WHERE id = 9");
        yield return new("a table other tables reference",
            "CREATE TABLE t(id INTEGER PRIMARY KEY, note TEXT); CREATE TABLE c(id INTEGER PRIMARY KEY, tid INTEGER REFERENCES t(id) ON DELETE CASCADE); INSERT INTO t VALUES (1, 'n'); INSERT INTO c VALUES (1, 1);",
            "t", "note", "note TEXT",
            "SELECT COUNT(*) FROM c",
            "SELECT group_concat(\"table\" || ' ' || on_delete) FROM pragma_foreign_key_list('c')");
    }

    [TestCaseSource(nameof(Corpus))]
    public async Task Rebuild_ByAChangeToAnotherColumn_KeepsTheFeatureThroughUpAndDown(SqliteGrammarCase grammar)
    {
        await using var db = await SqliteTestDatabase.CreateAsync(SqliteStorage.File);
        await db.ExecuteSqlAsync(grammar.Setup);
        var original = await ObjectsAsync(db);
        var behaviour = await ProbeAsync(db, grammar);
        await TestContext.Out.WriteLineAsync(string.Join("\n", behaviour.Select((b, n) => $"probe {n + 1}: {b}")));
        var up = new AlterColumnOperation(new QualifiedName(grammar.Table), Column(grammar.Target, nullable: false))
        {
            OldColumn = Column(grammar.Target, nullable: true),
        };

        await db.InTransactionAsync(() => db.ExecuteAndVerifyAsync(up));

        var afterUp = await ObjectsAsync(db);
        var changed = original[grammar.Table].Replace(grammar.TargetSql, grammar.TargetSql + " NOT NULL DEFAULT '-'", StringComparison.Ordinal);
        afterUp.Should().Equal(original.ToDictionary(o => o.Key, o => o.Key == grammar.Table ? changed : o.Value), "only the target column's text changes");
        (await ProbeAsync(db, grammar)).Should().Equal(behaviour, "the table behaves the same after Up");

        await db.InTransactionAsync(() => db.ExecuteAndVerifyAsync(up.Invert()!));

        (await ObjectsAsync(db)).Should().Equal(original, "after Down every statement in sqlite_schema is the original text");
        (await ProbeAsync(db, grammar)).Should().Equal(behaviour, "the table behaves the same after Down");
    }

    private static ColumnDefinition Column(string name, bool nullable) =>
        new(name, SqliteTestDatabase.Operations(m => m.AddColumn("x", "x", c => c.AsText())).OfType<AddColumnOperation>().Single().Column.Type)
        {
            IsNullable = nullable,
            Default = nullable ? null : SqliteTestDatabase.Operations(m => m.AddColumn("x", "x", c => c.AsText().Default("-"))).OfType<AddColumnOperation>().Single().Column.Default,
        };

    private static async Task<Dictionary<string, string>> ObjectsAsync(SqliteTestDatabase db)
    {
        var rows = await db.RowsAsync("SELECT type || ' ' || name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name");
        return rows.ToDictionary(r => ((string)r[0]!)[((string)r[0]!).IndexOf(' ', StringComparison.Ordinal)..].Trim(), r => (string)r[1]!, StringComparer.Ordinal);
    }

    private static async Task<List<string>> ProbeAsync(SqliteTestDatabase db, SqliteGrammarCase grammar)
    {
        var results = new List<string>();
        foreach (var probe in grammar.Probes)
        {
            await db.ExecuteSqlAsync("SAVEPOINT probe");
            try
            {
                var statements = probe.Split("; SELECT ", 2, StringSplitOptions.None);
                if (statements.Length == 2)
                {
                    await db.ExecuteSqlAsync(statements[0]);
                }

                var rows = await db.RowsAsync(statements.Length == 2 ? "SELECT " + statements[1] : probe);
                results.Add(string.Join("; ", rows.Select(r => string.Join(", ", r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "null")))));
            }
            catch (SqliteException e)
            {
                results.Add("error: " + e.Message);
            }
            finally
            {
                await db.ExecuteSqlAsync("ROLLBACK TO probe; RELEASE probe");
            }
        }

        return results;
    }
}
