namespace MigrationKit.Cli.TestMigrations.Broken;

[Migration(2026_12_02_0900, "Create widgets")]
public sealed class CreateWidgets : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("widgets", t => t.Column("id").AsInt64().PrimaryKey());
}
