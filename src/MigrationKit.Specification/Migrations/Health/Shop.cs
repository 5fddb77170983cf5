namespace MigrationKit.Specification.Migrations.Health.Shop;

[Migration(1, "Customers and orders")]
internal sealed class CustomersAndOrders : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("customers", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(100);
        });
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("customer_id").AsInt64().References("customers");
            t.Column("total").AsInt32().Default(0);
        });
        migration.CreateIndex("orders", "customer_id");
    }
}

[Migration(2, "Two statements outside a transaction, the second broken", Transaction = MigrationTransactionMode.None)]
internal sealed class PartlyApplied : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("first_half", t => t.Column("id").AsInt64().PrimaryKey());
        migration.Sql("THIS IS NOT SQL");
    }

    public override void Down(MigrationBuilder migration) => migration.DropTable("first_half");
}

[Migration(3, "Notes on orders (left pending by the tests)")]
internal sealed class OrderNotes : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("orders", "note", c => c.AsText().Nullable());
}
