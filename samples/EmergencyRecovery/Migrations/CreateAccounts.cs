using MigrationKit;

namespace EmergencyRecovery.Migrations;

[Migration(2026_11_22_0900, "Create accounts")]
public sealed class CreateAccounts : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("accounts", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("owner").AsString(100);
        t.Column("balance").AsInt64();
    });
}
