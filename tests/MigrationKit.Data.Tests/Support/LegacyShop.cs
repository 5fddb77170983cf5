using MigrationKit.Data.MoveRunner;
using MigrationKit.Data.Endpoints;
using MigrationKit.Data.Moves;

namespace MigrationKit.Data.Tests.Support;

/// <summary>
/// Scenario 5's shape: a legacy shop (integer keys, status as text, Unix milliseconds, amounts as text on SQLite) and
/// the new shape (UUID keys, a status lookup table, timestamps, numerics, booleans).
/// </summary>
internal static class LegacyShop
{
    public const int Customers = 7;

    /// <summary>Legacy rows with ids 3, 6, 9 … (gaps), every tenth deleted, every fifth without a note.</summary>
    public static async Task CreateSourceAsync(TestDb db, int orders)
    {
        await db.ExecuteAsync(db.Pick(
            "CREATE TABLE legacy_customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE legacy_customers (id bigint PRIMARY KEY, name text NOT NULL)"));
        await db.ExecuteAsync(db.Pick(
            "CREATE TABLE legacy_orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, customer TEXT NOT NULL, status TEXT NOT NULL, created INTEGER NOT NULL, amount TEXT NOT NULL, paid INTEGER NOT NULL, note TEXT, deleted INTEGER NOT NULL)",
            "CREATE TABLE legacy_orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, customer text NOT NULL, status text NOT NULL, created bigint NOT NULL, amount numeric(12,2) NOT NULL, paid integer NOT NULL, note text, deleted integer NOT NULL)"));
        await db.ExecuteAsync(db.Pick(
            $"WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {Customers}) INSERT INTO legacy_customers SELECT g, 'customer ' || g FROM s",
            $"INSERT INTO legacy_customers SELECT g, 'customer ' || g FROM generate_series(1, {Customers}) g"));
        await db.ExecuteAsync(db.Pick(
            $"""
            WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < {orders})
            INSERT INTO legacy_orders
            SELECT g * 3, 1 + g % {Customers}, 'customer ' || (1 + g % {Customers}), CASE g % 3 WHEN 0 THEN 'new' WHEN 1 THEN 'paid' ELSE 'shipped' END,
                   1700000000000 + g * 1001, printf('%.2f', g * 1.25), g % 2, CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || g END, CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END
            FROM s
            """,
            $"""
            INSERT INTO legacy_orders
            SELECT g * 3, 1 + g % {Customers}, 'customer ' || (1 + g % {Customers}), (ARRAY['new', 'paid', 'shipped'])[1 + g % 3],
                   1700000000000 + g * 1001, g * 1.25, g % 2, CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || g END, CASE WHEN g % 10 = 0 THEN 1 ELSE 0 END
            FROM generate_series(1, {orders}) g
            """));
    }

    /// <summary>Source rows the moves take (deleted = 0).</summary>
    public static int Moved(int orders) => orders - (orders / 10);

    public static async Task CreateTargetAsync(TestDb db, bool primaryKey = true)
    {
        var pk = primaryKey ? " PRIMARY KEY" : string.Empty;
        await db.ExecuteAsync(db.Pick(
            "CREATE TABLE order_status (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
            "CREATE TABLE order_status (id integer PRIMARY KEY, name text NOT NULL UNIQUE)"));
        await db.ExecuteAsync("INSERT INTO order_status (id, name) VALUES (1, 'new'), (2, 'paid'), (3, 'shipped')");
        await db.ExecuteAsync(db.Pick(
            "CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL)",
            "CREATE TABLE customers (id uuid PRIMARY KEY, name text NOT NULL)"));
        await db.ExecuteAsync(db.Pick(
            $"CREATE TABLE orders (id TEXT{pk}, customer_id TEXT, customer TEXT NOT NULL, status_id INTEGER, created_at TEXT NOT NULL, amount TEXT NOT NULL, paid INTEGER NOT NULL, note TEXT)",
            $"CREATE TABLE orders (id uuid{pk}, customer_id uuid REFERENCES customers, customer text NOT NULL, status_id integer REFERENCES order_status, created_at timestamp with time zone NOT NULL, amount numeric(12,2) NOT NULL, paid boolean NOT NULL, note text)"));
    }

    public static DataMove CustomersMove(TestDb source, TestDb target) => ScenarioFiveMoves.CustomersMove(source.Endpoint, target.Endpoint);

    public static DataMove OrdersMove(TestDb source, TestDb target, int batchSize, string name = ScenarioFiveMoves.Orders) =>
        ScenarioFiveMoves.OrdersMove(source.Endpoint, target.Endpoint, batchSize, name);

    public static IDataEndpoint Endpoint(TestDb db) => db.Endpoint;
}
