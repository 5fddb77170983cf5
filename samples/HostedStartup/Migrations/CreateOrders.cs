using MigrationKit;
using MigrationKit.Operations;

namespace HostedStartup.Migrations;

[Migration(2026_12_07_0900, "Create customers and orders")]
public sealed class CreateOrders : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("customers", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("name").AsString(100).Unique();
        });
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsInt64().Identity().PrimaryKey();
            t.Column("customer_id").AsInt64().References("customers", onDelete: ReferentialAction.Cascade);
            t.Column("total").AsDecimal(12, 2);
        });
        migration.CreateIndex("orders", "customer_id");
    }
}
