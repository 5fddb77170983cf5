namespace MigrationKit.Tests.Migrations.Discovery.Duplicates;

[Migration(5, "five a")]
internal sealed class FiveA : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("a");
}

[Migration(5, "five b")]
internal sealed class FiveB : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("b");
}

[Migration(7, "seven")]
internal sealed class Seven : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("c");
}

[Migration(9, "nine c")]
internal sealed class NineC : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("d");
}

[Migration(9, "nine a")]
internal sealed class NineA : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("e");
}

[Migration(9, "nine b")]
internal sealed class NineB : Migration
{
    public override void Up(MigrationBuilder migration) => migration.DropTable("f");
}
