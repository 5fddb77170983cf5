using System.Globalization;
using Npgsql;

namespace MigrationKit.PostgreSql.Tests.Checkpoints;

/// <summary>Per-table row counts and MD5 over the ordered rows, plus the catalog (views, indexes, triggers, functions, sequences) of one schema.</summary>
internal static class PostgreSqlContent
{
    public static async Task<Dictionary<string, string>> HashesAsync(NpgsqlDataSource dataSource, string schema = "public")
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var tables = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1"))
        {
            command.Parameters.AddWithValue(schema);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var quotedSchema = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        foreach (var table in tables)
        {
            var quoted = quotedSchema + ".\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var command = dataSource.CreateCommand($"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM {quoted} t");
            result[table] = (string)(await command.ExecuteScalarAsync())!;
        }

        await using (var command = dataSource.CreateCommand(
            """
            SELECT concat_ws(E'\n',
              (SELECT string_agg(viewname || '=' || definition, E'\n' ORDER BY viewname) FROM pg_views WHERE schemaname = $1),
              (SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes WHERE schemaname = $1),
              (SELECT string_agg(pg_get_triggerdef(t.oid), E'\n' ORDER BY t.tgname) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal),
              (SELECT string_agg(p.proname || md5(p.prosrc), E'\n' ORDER BY p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1),
              (SELECT string_agg(sequencename || '=' || coalesce(last_value::text, '-'), E'\n' ORDER BY sequencename) FROM pg_sequences WHERE schemaname = $1),
              (SELECT string_agg(conname || '=' || pg_get_constraintdef(k.oid), E'\n' ORDER BY conname) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = $1))
            """))
        {
            command.Parameters.AddWithValue(schema);
            result["(catalog)"] = (string)(await command.ExecuteScalarAsync())!;
        }

        return result;
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Inserts customers with three orders each, server side.</summary>
    public static Task FillAsync(NpgsqlDataSource dataSource, string schema, int customers, int noteLength = 20) =>
        ExecuteAsync(dataSource, $"""
            SET search_path TO "{schema}";
            INSERT INTO customers (name, email, balance, photo, tags)
              SELECT 'customer ' || i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'c' || i || '@example.com' END, (i * 37 % 100000) / 100.0,
                     CASE WHEN i % 10 = 0 THEN decode(md5(i::text), 'hex') END, ARRAY['t' || (i % 5)]
              FROM generate_series(1, {customers}) i;
            INSERT INTO orders (customer_id, total, placed, note)
              SELECT c, (c * 13 + j) % 50000 / 100.0, timestamptz '2026-01-01' + (c || ' minutes')::interval, repeat(chr(97 + (c + j) % 26), {noteLength})
              FROM generate_series(1, {customers}) c, generate_series(1, 3) j;
            INSERT INTO settings VALUES ('currency', 'EUR'), ('vat', '0.2');
            """);

    /// <summary>Drops a table, deletes and updates rows (the trigger writes audit rows), adds a column, creates a table and an index.</summary>
    public static Task DamageAsync(NpgsqlDataSource dataSource, string schema) =>
        ExecuteAsync(dataSource, $"""
            SET search_path TO "{schema}";
            DELETE FROM orders WHERE id % 3 = 0;
            UPDATE customers SET balance = balance + 1, name = upper(name) WHERE id % 2 = 0;
            ALTER TABLE customers ADD COLUMN nickname text;
            DROP TABLE settings;
            CREATE TABLE intruder (id serial PRIMARY KEY, x text);
            INSERT INTO intruder (x) VALUES ('new');
            CREATE INDEX ix_orders_total ON orders (total);
            """);
}
