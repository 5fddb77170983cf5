namespace MigrationKit.Sqlite.Tests.Providers.ForeignKeyScope;

[Migration(1, "Customers and their orders")]
public sealed class CreateOrders : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("customers", t => t.Column("id").AsInt64().PrimaryKey());
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsInt64().PrimaryKey();
            t.Column("customer_id").AsInt64().References("customers");
        });
        migration.CreateIndex("orders", "customer_id");
    }
}
