namespace MigrationKit.Sqlite.Tests.Checkpoints.Shop
{
    [Migration(1, "Customers and orders")]
    public sealed class CustomersAndOrders : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.Sql("""
                CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT, balance REAL NOT NULL DEFAULT 0, photo BLOB);
                CREATE UNIQUE INDEX ix_customers_email ON customers (email);
                CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), total NUMERIC NOT NULL, note TEXT);
                CREATE INDEX ix_orders_customer ON orders (customer_id);
                """);
        }
    }

    [Migration(2, "A view, an audit table and a trigger")]
    public sealed class ViewAndTrigger : Migration
    {
        public override void Up(MigrationBuilder migration)
        {
            migration.Sql("""
                CREATE VIEW customer_totals AS SELECT c.id, c.name, sum(o.total) AS total FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
                CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT NOT NULL);
                CREATE TRIGGER tr_orders_delete AFTER DELETE ON orders BEGIN INSERT INTO audit (what) VALUES ('deleted ' || old.id); END;
                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
                """);
        }
    }
}
