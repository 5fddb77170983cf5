namespace MigrationKit.Tests.Migrations.Discovery.ZeroVersion;

[Migration(0, "zero")]
internal sealed class Zero : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("t");
}
