using MigrationKit;

namespace HostedStartup.Migrations;

[Migration(2026_12_07_0930, "Add order status")]
public sealed class AddOrderStatus : Migration
{
    public override void Up(MigrationBuilder migration) =>
        migration.AddColumn("orders", "status", c => c.AsString(20).Default("new"));
}
