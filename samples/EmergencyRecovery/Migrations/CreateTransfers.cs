using MigrationKit;

namespace EmergencyRecovery.Migrations;

[Migration(2026_11_22_1000, "Create transfers")]
public sealed class CreateTransfers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("transfers", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("from_account").AsInt64().References("accounts");
        t.Column("amount").AsInt64();
    });
}
