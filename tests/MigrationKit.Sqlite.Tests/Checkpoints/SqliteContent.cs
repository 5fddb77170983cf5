using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MigrationKit.Sqlite.Tests.Checkpoints;

/// <summary>Per-table SHA-256 over every row (ordered by all columns), and row counts, read through a connection.</summary>
internal static class SqliteContent
{
    public static Dictionary<string, string> Hashes(SqliteConnection connection)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var master = connection.CreateCommand())
        {
            // Views, triggers and indexes too: the schema model compares tables only.
            master.CommandText = "SELECT group_concat(type || '|' || name || '|' || tbl_name || '|' || coalesce(sql, ''), char(10)) FROM (SELECT * FROM sqlite_master ORDER BY type, name)";
            result["(sqlite_master)"] = Convert.ToString(master.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
        }

        foreach (var table in Tables(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY " + string.Join(", ", Enumerable.Range(1, ColumnCount(connection, table)));
            using var reader = command.ExecuteReader();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    var text = value switch
                    {
                        DBNull => "N",
                        byte[] bytes => "B" + Convert.ToHexString(bytes),
                        double d => "R" + d.ToString("R", CultureInfo.InvariantCulture),
                        long l => "I" + l.ToString(CultureInfo.InvariantCulture),
                        string s => "T" + s.Length.ToString(CultureInfo.InvariantCulture) + ":" + s,
                        _ => "?" + Convert.ToString(value, CultureInfo.InvariantCulture),
                    };
                    hash.AppendData(Encoding.UTF8.GetBytes(text + "|"));
                }

                hash.AppendData("\n"u8);
            }

            result[table] = rows.ToString(CultureInfo.InvariantCulture) + ":" + Convert.ToHexString(hash.GetHashAndReset());
        }

        return result;
    }

    public static Dictionary<string, string> Hashes(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return Hashes(connection);
    }

    public static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM \"{table}\"";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts <paramref name="customers"/> customers with three orders each (and a blob on every tenth).</summary>
    public static void Fill(SqliteConnection connection, int customers, int noteLength = 20)
    {
        using var transaction = connection.BeginTransaction();
        using var customer = connection.CreateCommand();
        customer.CommandText = "INSERT INTO customers (name, email, balance, photo) VALUES ($n, $e, $b, $p)";
        var name = customer.Parameters.Add("$n", SqliteType.Text);
        var email = customer.Parameters.Add("$e", SqliteType.Text);
        var balance = customer.Parameters.Add("$b", SqliteType.Real);
        var photo = customer.Parameters.Add("$p", SqliteType.Blob);
        using var order = connection.CreateCommand();
        order.CommandText = "INSERT INTO orders (customer_id, total, note) VALUES ($c, $t, $x)";
        var customerId = order.Parameters.Add("$c", SqliteType.Integer);
        var total = order.Parameters.Add("$t", SqliteType.Real);
        var note = order.Parameters.Add("$x", SqliteType.Text);
        var random = new Random(42);
        for (var i = 1; i <= customers; i++)
        {
            name.Value = "customer " + i.ToString(CultureInfo.InvariantCulture);
            email.Value = i % 7 == 0 ? DBNull.Value : $"c{i}@example.com";
            balance.Value = random.NextDouble() * 1000;
            photo.Value = i % 10 == 0 ? RandomNumberGenerator.GetBytes(64) : DBNull.Value;
            customer.ExecuteNonQuery();
            for (var j = 0; j < 3; j++)
            {
                customerId.Value = i;
                total.Value = Math.Round(random.NextDouble() * 500, 2);
                note.Value = new string((char)('a' + (i + j) % 26), noteLength);
                order.ExecuteNonQuery();
            }
        }

        using var settings = connection.CreateCommand();
        settings.CommandText = "INSERT OR REPLACE INTO settings (key, value) VALUES ('currency', 'EUR'), ('vat', '0.2')";
        settings.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>Drops a table, deletes and updates rows, adds a column, creates a table and an index.</summary>
    public static void Damage(SqliteConnection connection) =>
        Execute(connection, """
            DELETE FROM orders WHERE id % 3 = 0;
            UPDATE customers SET balance = balance + 1, name = upper(name) WHERE id % 2 = 0;
            ALTER TABLE customers ADD COLUMN nickname TEXT;
            DROP TABLE settings;
            CREATE TABLE intruder (id INTEGER PRIMARY KEY, x TEXT);
            INSERT INTO intruder (x) VALUES ('new');
            CREATE INDEX ix_orders_total ON orders (total);
            """);

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static int ColumnCount(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pragma_table_xinfo('{table.Replace("'", "''", StringComparison.Ordinal)}')";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
