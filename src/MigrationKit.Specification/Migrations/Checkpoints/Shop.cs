namespace MigrationKit.Specification.Migrations.Checkpoints;

[Migration(1, "Create customers and orders")]
internal sealed class CreateCustomersAndOrders : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("customers", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("name").AsString(100);
            t.Column("email").AsString(200).Nullable();
        });
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("customer_id").AsInt64().References("customers");
            t.Column("amount").AsInt64();
            t.Column("note").AsString(200).Nullable();
        });
    }
}

[Migration(2, "Index orders by customer")]
internal sealed class IndexOrdersByCustomer : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateIndex("orders", "customer_id");
}

[Migration(3, "Add customer tier")]
internal sealed class AddCustomerTier : Migration
{
    public override void Up(MigrationBuilder migration) => migration.AddColumn("customers", "tier", c => c.AsString(20).Nullable());
}
