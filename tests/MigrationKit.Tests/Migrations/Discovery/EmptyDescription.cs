namespace MigrationKit.Tests.Migrations.Discovery.EmptyDescription;

[Migration(4, " ")]
internal sealed class Undescribed : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("t");
}
