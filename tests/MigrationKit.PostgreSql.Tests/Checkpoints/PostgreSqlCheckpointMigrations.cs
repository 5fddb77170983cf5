namespace MigrationKit.PostgreSql.Tests.Checkpoints.Shop
{
    [Migration(1, "Customers and orders")]
    public sealed class CustomersAndOrders : Migration
    {
        public override void Up(MigrationBuilder migration) =>
            migration.Sql("""
                CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE, balance numeric(12, 2) NOT NULL DEFAULT 0, photo bytea, tags text[]);
                CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id), total numeric(10, 2) NOT NULL, placed timestamptz NOT NULL DEFAULT '2026-01-01', note text);
                CREATE INDEX ix_orders_customer ON orders (customer_id);
                """);
    }

    [Migration(2, "A view, an audit table and a trigger")]
    public sealed class ViewAndTrigger : Migration
    {
        public override void Up(MigrationBuilder migration) =>
            migration.Sql("""
                CREATE VIEW customer_totals AS SELECT c.id, c.name, sum(o.total) AS total FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id;
                CREATE TABLE audit (id serial PRIMARY KEY, what text NOT NULL);
                CREATE FUNCTION audit_order_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (what) VALUES ('deleted ' || OLD.id); RETURN OLD; END $$;
                CREATE TRIGGER tr_orders_delete AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audit_order_delete();
                CREATE TABLE settings (key text PRIMARY KEY, value text);
                """);
    }
}
