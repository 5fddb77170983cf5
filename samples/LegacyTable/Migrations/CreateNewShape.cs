using MigrationKit;

namespace LegacyTable.Migrations;

/// <summary>The new shape: UUID keys, a status lookup table, real timestamps, numerics and booleans.</summary>
[Migration(2026_12_07_0900, "Create the new shape of customers and orders")]
public sealed class CreateNewShape : Migration
{
    public override void Up(MigrationBuilder migration)
    {
        migration.CreateTable("order_status", t =>
        {
            t.Column("id").AsInt32().PrimaryKey();
            t.Column("name").AsString(20).Unique();
        });
        migration.InsertData("order_status", ["id", "name"], [1, "new"], [2, "paid"], [3, "shipped"]);
        migration.CreateTable("customers", t =>
        {
            t.Column("id").AsGuid().PrimaryKey();
            t.Column("name").AsString(100);
        });
        migration.CreateTable("orders", t =>
        {
            t.Column("id").AsGuid().PrimaryKey();
            t.Column("customer_id").AsGuid().References("customers");
            t.Column("status_id").AsInt32().References("order_status");
            t.Column("created_at").AsDateTimeOffset();
            t.Column("amount").AsDecimal(12, 2);
            t.Column("paid").AsBoolean();
            t.Column("note").AsText().Nullable();
        });
    }
}
