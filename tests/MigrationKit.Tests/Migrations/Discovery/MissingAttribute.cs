namespace MigrationKit.Tests.Migrations.Discovery.MissingAttribute;

[Migration(1, "fine")]
internal sealed class Fine : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("t");
}

internal sealed class Unmarked : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("t");
}
