namespace MigrationKit.Specification.Migrations.BadIdentifier;

[Migration(1, "Create a table with an empty column name")]
internal sealed class EmptyColumnName : Migration
{
    public override void Up(MigrationBuilder migration) => migration.CreateTable("items", t => t.Column(" ").AsInt64());
}
