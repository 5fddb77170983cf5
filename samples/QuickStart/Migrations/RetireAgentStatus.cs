using MigrationKit;

namespace QuickStart.Migrations;

// A risky change on purpose: the plan printed before it runs grades it on the rows the database holds.
[Migration(2026_11_22_1100, "Retire agent status")]
public sealed class RetireAgentStatus : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropColumn("agents", "status");

    public override void Down(MigrationBuilder migration) =>
        migration.AddColumn("agents", "status", c => c.AsString(20).Default("idle"));
}
