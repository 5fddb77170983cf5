using MigrationKit;

namespace EmergencyRecovery.Migrations;

[Migration(2026_11_22_1200, "Create statements")]
public sealed class CreateStatements : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("statements", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("account_id").AsInt64().References("accounts");
    });
}
