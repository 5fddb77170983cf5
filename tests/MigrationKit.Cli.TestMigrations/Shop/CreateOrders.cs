namespace MigrationKit.Cli.TestMigrations.Shop;

[Migration(2026_12_01_0930, "Create orders")]
public sealed class CreateOrders : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("customer_id").AsInt64().NotNull().References("customers");
        });
        migration.CreateIndex("orders", "customer_id");
    }
}
