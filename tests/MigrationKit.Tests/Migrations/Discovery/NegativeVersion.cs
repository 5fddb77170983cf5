namespace MigrationKit.Tests.Migrations.Discovery.NegativeVersion;

[Migration(-3, "negative")]
internal sealed class Negative : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("t");
}
