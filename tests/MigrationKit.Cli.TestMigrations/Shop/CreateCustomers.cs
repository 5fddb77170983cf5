namespace MigrationKit.Cli.TestMigrations.Shop;

[Migration(2026_12_01_0900, "Create customers")]
public sealed class CreateCustomers : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("customers", t =>
    {
        t.Column("id").AsInt64().PrimaryKey();
        t.Column("name").AsString(100).NotNull();
    });
}
