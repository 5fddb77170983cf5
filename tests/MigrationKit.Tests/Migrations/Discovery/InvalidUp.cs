namespace MigrationKit.Tests.Migrations.Discovery.InvalidUp;

[Migration(11, "creates an empty table")]
internal sealed class EmptyTable : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("empty", _ => { });
}
